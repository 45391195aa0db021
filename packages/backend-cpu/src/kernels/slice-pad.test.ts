import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { flatOf, randomFloats, run, tabulate } from '../test-support.js';

describe('slice', () => {
  const cases: [number[], number[], number[]][] = [
    [[5], [1], [3]],
    [[4, 5], [1, 2], [2, 3]],
    [[4, 5], [0, 0], [4, 5]],
    [[3, 4, 5], [1, 0, 2], [2, 4, 1]],
    [[3, 4, 5], [2, 3, 4], [1, 1, 1]],
    [[3, 4], [1, 2], [0, 2]],
    [[2, 50], [1, 5], [1, 40]],
    [[], [], []],
  ];
  for (const [shape, begin, size] of cases) {
    it(`takes ${JSON.stringify(size)} from ${JSON.stringify(shape)} at ${JSON.stringify(begin)}`, () => {
      const values = randomFloats(sizeOf(shape), 11);
      const expected = tabulate(size, (position) => values[flatOf(position.map((index, axis) => index + begin[axis]), shape)]);
      expect(Array.from(run('slice', [{ values, shape }], { begin }, { shape: size }))).toEqual(expected);
    });
  }

  it('slices int32 and bool', () => {
    expect(Array.from(run('slice', [{ values: [1, 2, 3, 4], shape: [4], dtype: 'int32' }], { begin: [1] }, { shape: [2], dtype: 'int32' }))).toEqual([2, 3]);
    expect(Array.from(run('slice', [{ values: [1, 0, 1, 1], shape: [2, 2], dtype: 'bool' }], { begin: [0, 1] }, { shape: [2, 1], dtype: 'bool' }))).toEqual([0, 1]);
  });
});

describe('pad', () => {
  const cases: [number[], number[], number[], number][] = [
    [[3], [1], [6], 0],
    [[2, 3], [1, 0], [4, 5], -1.5],
    [[2, 3], [0, 0], [2, 3], 9],
    [[2, 1, 2], [1, 2, 0], [3, 4, 3], 2],
    [[0, 2], [1, 1], [2, 4], 5],
    [[], [], [], 3],
    [[2, 40], [0, 3], [2, 50], NaN],
  ];
  for (const [shape, before, outputShape, value] of cases) {
    it(`pads ${JSON.stringify(shape)} to ${JSON.stringify(outputShape)} with ${value} before ${JSON.stringify(before)}`, () => {
      const values = randomFloats(sizeOf(shape), 13);
      const expected = tabulate(outputShape, (position) => {
        const source = position.map((index, axis) => index - before[axis]);
        return source.every((index, axis) => index >= 0 && index < shape[axis]) ? values[flatOf(source, shape)] : value;
      });
      expect(Array.from(run('pad', [{ values, shape }], { before, value }, { shape: outputShape }))).toEqual(expected);
    });
  }

  it('pads int32 (value truncated) and bool (value != 0)', () => {
    expect(Array.from(run('pad', [{ values: [1, 2], shape: [2], dtype: 'int32' }], { before: [1], value: -3 }, { shape: [4], dtype: 'int32' }))).toEqual([-3, 1, 2, -3]);
    expect(Array.from(run('pad', [{ values: [0], shape: [1], dtype: 'bool' }], { before: [1], value: 2 }, { shape: [3], dtype: 'bool' }))).toEqual([1, 0, 1]);
  });
});
