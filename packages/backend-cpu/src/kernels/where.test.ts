import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { broadcastFlat, randomFloats, randomIntegers, run, tabulate } from '../test-support.js';

describe('where', () => {
  const cases: [number[], number[], number[], number[]][] = [
    [[2, 3], [2, 3], [2, 3], [2, 3]],
    [[2, 1], [3], [], [2, 3]],
    [[], [2, 3], [2, 3], [2, 3]],
    [[3, 1, 4], [1, 2, 1], [2, 4], [3, 2, 4]],
    [[0], [1], [1], [0]],
    [[], [], [], []],
  ];
  cases.forEach(([conditionShape, aShape, bShape, shape], caseIndex) => {
    it(`broadcasts condition ${JSON.stringify(conditionShape)}, a ${JSON.stringify(aShape)}, b ${JSON.stringify(bShape)}`, () => {
      const condition = randomIntegers(sizeOf(conditionShape), caseIndex, 0, 2);
      const a = randomFloats(sizeOf(aShape), 100 + caseIndex);
      const b = randomFloats(sizeOf(bShape), 200 + caseIndex);
      const actual = run('where', [{ values: condition, shape: conditionShape, dtype: 'bool' }, { values: a, shape: aShape }, { values: b, shape: bShape }], {}, { shape });
      const expected = tabulate(shape, (position) => (condition[broadcastFlat(position, conditionShape)] ? a[broadcastFlat(position, aShape)] : b[broadcastFlat(position, bShape)]));
      expect(Array.from(actual)).toEqual(expected);
    });
  });

  it('selects int32 and bool values and passes NaN through', () => {
    const condition = { values: [1, 0, 1], shape: [3], dtype: 'bool' as const };
    const ints = run('where', [condition, { values: [1, 2, 3], shape: [3], dtype: 'int32' }, { values: [-1], shape: [1], dtype: 'int32' }], {}, { shape: [3], dtype: 'int32' });
    expect(Array.from(ints)).toEqual([1, -1, 3]);
    const bools = run('where', [condition, { values: [0, 0, 0], shape: [3], dtype: 'bool' }, { values: [1], shape: [], dtype: 'bool' }], {}, { shape: [3], dtype: 'bool' });
    expect(Array.from(bools)).toEqual([0, 1, 0]);
    const floats = run('where', [condition, { values: [NaN, 1, 2], shape: [3] }, { values: [NaN], shape: [] }], {}, { shape: [3] });
    expect(Array.from(floats)).toEqual([NaN, NaN, 2]);
  });
});
