import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { broadcastFlat, randomFloats, run, tabulate } from '../test-support.js';

describe('expand', () => {
  const cases: [number[], number[]][] = [
    [[], [2, 3]],
    [[3], [2, 3]],
    [[2, 1], [2, 3]],
    [[1, 3, 1], [4, 3, 2]],
    [[2, 3], [2, 3]],
    [[2, 1, 3], [5, 2, 4, 3]],
    [[1], [0]],
    [[1, 40], [40, 40]],
  ];
  for (const [inputShape, shape] of cases) {
    it(`broadcasts ${JSON.stringify(inputShape)} to ${JSON.stringify(shape)}`, () => {
      const values = randomFloats(sizeOf(inputShape), 3);
      const expected = tabulate(shape, (position) => values[broadcastFlat(position, inputShape)]);
      expect(Array.from(run('expand', [{ values, shape: inputShape }], {}, { shape }))).toEqual(expected);
    });
  }

  it('expands int32 and bool', () => {
    expect(Array.from(run('expand', [{ values: [7, -1], shape: [2, 1], dtype: 'int32' }], {}, { shape: [2, 2], dtype: 'int32' }))).toEqual([7, 7, -1, -1]);
    expect(Array.from(run('expand', [{ values: [1], shape: [], dtype: 'bool' }], {}, { shape: [3], dtype: 'bool' }))).toEqual([1, 1, 1]);
  });
});
