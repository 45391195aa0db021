import { describe, expect, it } from 'vitest';
import { REDUCE_PRIMITIVES, sizeOf, type DType, type ReducePrimitive } from '@neurite/backend';
import { positionOf, randomFloats, run, tabulate } from '../test-support.js';

/** The naive reduction: for each output position, fold every input element whose kept axes match. */
function naive(op: ReducePrimitive, values: readonly number[], shape: number[], axes: number[], dtype: DType = 'float32'): number[] {
  const outputShape = shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
  return tabulate(
    outputShape,
    (outputPosition) => {
      let result = op === 'sum' ? 0 : op === 'prod' ? 1 : op === 'max' ? -Infinity : Infinity;
      for (let flat = 0; flat < values.length; flat++) {
        const position = positionOf(flat, shape);
        if (!position.every((index, axis) => axes.includes(axis) || index === outputPosition[axis])) continue;
        const value = values[flat];
        if (op === 'sum') result += value;
        else if (op === 'prod') result *= value;
        else if (Number.isNaN(value) || Number.isNaN(result)) result = NaN;
        else result = op === 'max' ? Math.max(result, value) : Math.min(result, value);
      }
      return result;
    },
    dtype,
  );
}

function normalized(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, (value) => (Number.isNaN(value) ? 'NaN' : value + 0));
}

const CASES: [number[], number[]][] = [
  [[2, 3, 4], []],
  [[2, 3, 4], [0]],
  [[2, 3, 4], [1]],
  [[2, 3, 4], [2]],
  [[2, 3, 4], [0, 1]],
  [[2, 3, 4], [0, 2]],
  [[2, 3, 4], [1, 2]],
  [[2, 3, 4], [0, 1, 2]],
  [[3, 1, 4], [1]],
  [[3, 1, 4], [0, 1]],
  [[1, 5, 1, 2], [1, 3]],
  [[2, 3, 2, 3], [0, 2]],
  [[], []],
  [[7], [0]],
  [[2, 0, 3], [1]],
  [[2, 0, 3], [0]],
];

describe('reductions match the naive reference', () => {
  for (const op of REDUCE_PRIMITIVES) {
    it(`${op} over every axis pattern`, () => {
      CASES.forEach(([shape, axes], caseIndex) => {
        // prod over many elements of [-2, 2) would underflow to 0; use values near 1 for it.
        const values = op === 'prod' ? randomFloats(sizeOf(shape), caseIndex, 0.5, 1.5) : randomFloats(sizeOf(shape), caseIndex);
        const outputShape = shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
        const actual = run(op, [{ values, shape }], { axes }, { shape: outputShape });
        expect(normalized(actual), `${op} ${JSON.stringify(shape)} axes ${JSON.stringify(axes)}`).toEqual(normalized(naive(op, values, shape, axes)));
      });
    });
  }
});

describe('reductions: precision and special values', () => {
  it('sums float32 in double precision on both the last-axis and the strided path', () => {
    const values = [1e8, ...new Array<number>(1000).fill(1), -1e8];
    expect(Array.from(run('sum', [{ values, shape: [values.length] }], { axes: [0] }, { shape: [1] }))).toEqual([1000]);
    // The same numbers down a column: the strided path.
    const columns = values.flatMap((value) => [value, 0]);
    expect(Array.from(run('sum', [{ values: columns, shape: [values.length, 2] }], { axes: [0] }, { shape: [1, 2] }))).toEqual([1000, 0]);
  });

  it('max and min propagate NaN on both paths', () => {
    const values = [1, NaN, 3, 4, 5, 6];
    for (const op of ['max', 'min'] as const) {
      expect(normalized(run(op, [{ values, shape: [2, 3] }], { axes: [1] }, { shape: [2, 1] }))).toEqual(['NaN', op === 'max' ? 6 : 4]);
      expect(normalized(run(op, [{ values, shape: [2, 3] }], { axes: [0] }, { shape: [1, 3] }))).toEqual([op === 'max' ? 4 : 1, 'NaN', op === 'max' ? 6 : 3]);
    }
  });

  it('empty reductions give the identity', () => {
    const empty = { values: [], shape: [2, 0] };
    expect(Array.from(run('sum', [empty], { axes: [1] }, { shape: [2, 1] }))).toEqual([0, 0]);
    expect(Array.from(run('prod', [empty], { axes: [1] }, { shape: [2, 1] }))).toEqual([1, 1]);
    expect(Array.from(run('max', [empty], { axes: [1] }, { shape: [2, 1] }))).toEqual([-Infinity, -Infinity]);
  });

  it('int32 sums and products wrap like int32 arithmetic', () => {
    const input = { values: [2147483647, 1, 65536, 65536], shape: [2, 2], dtype: 'int32' as const };
    expect(Array.from(run('sum', [input], { axes: [1] }, { shape: [2, 1], dtype: 'int32' }))).toEqual([-2147483648, 131072]);
    expect(Array.from(run('prod', [input], { axes: [1] }, { shape: [2, 1], dtype: 'int32' }))).toEqual([2147483647, 0]);
    expect(Array.from(run('prod', [input], { axes: [0] }, { shape: [1, 2], dtype: 'int32' }))).toEqual([Math.imul(2147483647, 65536), 65536]);
    expect(Array.from(run('sum', [input], { axes: [0, 1] }, { shape: [1, 1], dtype: 'int32' }))).toEqual([-2147483648 + 131072]);
    expect(Array.from(run('max', [input], { axes: [0] }, { shape: [1, 2], dtype: 'int32' }))).toEqual([2147483647, 65536]);
    expect(Array.from(run('min', [input], { axes: [1] }, { shape: [2, 1], dtype: 'int32' }))).toEqual([1, 65536]);
  });

  it('bool inputs: sum counts into int32, max is any, min is all', () => {
    const input = { values: [1, 0, 1, 1, 1, 1], shape: [2, 3], dtype: 'bool' as const };
    expect(Array.from(run('sum', [input], { axes: [1] }, { shape: [2, 1], dtype: 'int32' }))).toEqual([2, 3]);
    expect(Array.from(run('max', [input], { axes: [0] }, { shape: [1, 3], dtype: 'bool' }))).toEqual([1, 1, 1]);
    expect(Array.from(run('min', [input], { axes: [1] }, { shape: [2, 1], dtype: 'bool' }))).toEqual([0, 1]);
    expect(Array.from(run('sum', [input], { axes: [0, 1] }, { shape: [1, 1], dtype: 'bool' }))).toEqual([1]);
  });
});
