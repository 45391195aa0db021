import { describe, expect, it } from 'vitest';
import { sizeOf, type ArgReducePrimitive } from '@neurite/backend';
import { flatOf, randomIntegers, run, tabulate } from '../test-support.js';

/** The naive scan: for each output position, walk the axis and keep the first best (NaN wins). */
function naive(op: ArgReducePrimitive, values: readonly number[], shape: number[], axis: number): number[] {
  const outputShape = shape.map((size, index) => (index === axis ? 1 : size));
  return tabulate(
    outputShape,
    (position) => {
      let bestIndex = 0;
      for (let index = 0; index < shape[axis]; index++) {
        const candidatePosition = [...position];
        candidatePosition[axis] = index;
        const candidate = values[flatOf(candidatePosition, shape)];
        position[axis] = bestIndex;
        const best = values[flatOf(position, shape)];
        if (Number.isNaN(best)) break;
        if (Number.isNaN(candidate) || (op === 'argmax' ? candidate > best : candidate < best)) bestIndex = index;
      }
      return bestIndex;
    },
    'int32',
  );
}

describe('argmax and argmin', () => {
  const cases: [number[], number][] = [
    [[7], 0],
    [[2, 3, 4], 0],
    [[2, 3, 4], 1],
    [[2, 3, 4], 2],
    [[3, 1, 5], 1],
    [[4, 5], 1],
    [[0, 3], 1],
  ];
  for (const op of ['argmax', 'argmin'] as const) {
    it(`${op} matches the naive scan, with ties and NaN`, () => {
      cases.forEach(([shape, axis], caseIndex) => {
        // Few distinct values so ties are common; a NaN now and then.
        const values = randomIntegers(sizeOf(shape), caseIndex, 0, 4).map((value) => (value === 3 && caseIndex % 2 ? NaN : value));
        const outputShape = shape.map((size, index) => (index === axis ? 1 : size));
        const actual = run(op, [{ values, shape }], { axis }, { shape: outputShape, dtype: 'int32' });
        expect(actual).toBeInstanceOf(Int32Array);
        expect(Array.from(actual), `${op} ${JSON.stringify(shape)} axis ${axis}`).toEqual(naive(op, values, shape, axis));
      });
    });
  }

  it('picks the first index on ties and the first NaN', () => {
    const values = [1, 3, 3, 0, 0];
    expect(Array.from(run('argmax', [{ values, shape: [5] }], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([1]);
    expect(Array.from(run('argmin', [{ values, shape: [5] }], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([3]);
    const withNaN = [1, NaN, 5, NaN, -1];
    expect(Array.from(run('argmax', [{ values: withNaN, shape: [5] }], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([1]);
    expect(Array.from(run('argmin', [{ values: withNaN, shape: [5] }], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([1]);
    expect(Array.from(run('argmax', [{ values: [NaN, 2], shape: [2] }], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([0]);
  });

  it('works on int32 and bool inputs', () => {
    const ints = { values: [-5, 7, 7, -2147483648, 0, 2147483647], shape: [2, 3], dtype: 'int32' as const };
    expect(Array.from(run('argmax', [ints], { axis: 1 }, { shape: [2, 1], dtype: 'int32' }))).toEqual([1, 2]);
    expect(Array.from(run('argmin', [ints], { axis: 0 }, { shape: [1, 3], dtype: 'int32' }))).toEqual([1, 1, 0]);
    const bools = { values: [0, 0, 1, 1], shape: [4], dtype: 'bool' as const };
    expect(Array.from(run('argmax', [bools], { axis: 0 }, { shape: [1], dtype: 'int32' }))).toEqual([2]);
  });
});
