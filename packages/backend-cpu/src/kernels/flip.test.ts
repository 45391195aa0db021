import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { flatOf, randomFloats, run, tabulate } from '../test-support.js';

function naive(values: readonly number[], shape: number[], axes: number[]): number[] {
  return tabulate(shape, (position) => values[flatOf(position.map((index, axis) => (axes.includes(axis) ? shape[axis] - 1 - index : index)), shape)]);
}

describe('flip', () => {
  const cases: [number[], number[]][] = [
    [[5], [0]],
    [[2, 3], [0]],
    [[2, 3], [1]],
    [[2, 3, 4], [0, 2]],
    [[2, 3, 4], [0, 1, 2]],
    [[2, 3, 4], []],
    [[3, 1, 2], [1]],
    [[2, 0], [1]],
    [[], []],
  ];
  for (const [shape, axes] of cases) {
    it(`flips ${JSON.stringify(shape)} along ${JSON.stringify(axes)}`, () => {
      const values = randomFloats(sizeOf(shape), 7);
      expect(Array.from(run('flip', [{ values, shape }], { axes }, { shape }))).toEqual(naive(values, shape, axes));
    });
  }

  it('flips int32 and bool', () => {
    expect(Array.from(run('flip', [{ values: [1, 2, 3], shape: [3], dtype: 'int32' }], { axes: [0] }, { shape: [3], dtype: 'int32' }))).toEqual([3, 2, 1]);
    expect(Array.from(run('flip', [{ values: [1, 0, 0], shape: [3], dtype: 'bool' }], { axes: [0] }, { shape: [3], dtype: 'bool' }))).toEqual([0, 0, 1]);
  });
});
