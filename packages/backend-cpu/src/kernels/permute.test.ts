import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { flatOf, randomFloats, run, tabulate } from '../test-support.js';

/** out[p] = x[q] where q[perm[i]] = p[i]. */
function naive(values: readonly number[], shape: number[], perm: number[]): number[] {
  const outputShape = perm.map((axis) => shape[axis]);
  return tabulate(outputShape, (position) => {
    const source = new Array<number>(shape.length);
    perm.forEach((axis, index) => (source[axis] = position[index]));
    return values[flatOf(source, shape)];
  });
}

describe('permute', () => {
  const cases: [number[], number[]][] = [
    [[2, 3], [1, 0]],
    [[2, 3, 4], [0, 1, 2]],
    [[2, 3, 4], [2, 0, 1]],
    [[2, 3, 4], [1, 2, 0]],
    [[2, 1, 4, 3], [3, 1, 0, 2]],
    [[40, 50], [1, 0]],
    [[0, 3], [1, 0]],
    [[], []],
    [[5], [0]],
  ];
  for (const [shape, perm] of cases) {
    it(`permutes ${JSON.stringify(shape)} by ${JSON.stringify(perm)}`, () => {
      const values = randomFloats(sizeOf(shape), shape.length);
      const actual = run('permute', [{ values, shape }], { perm }, { shape: perm.map((axis) => shape[axis]) });
      expect(Array.from(actual)).toEqual(naive(values, shape, perm));
    });
  }

  it('keeps int32 and bool values', () => {
    const ints = run('permute', [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: 'int32' }], { perm: [1, 0] }, { shape: [3, 2], dtype: 'int32' });
    expect(Array.from(ints)).toEqual([1, 4, 2, 5, 3, 6]);
    const bools = run('permute', [{ values: [1, 0, 0, 1, 1, 0], shape: [3, 2], dtype: 'bool' }], { perm: [1, 0] }, { shape: [2, 3], dtype: 'bool' });
    expect(Array.from(bools)).toEqual([1, 0, 1, 0, 1, 0]);
  });
});
