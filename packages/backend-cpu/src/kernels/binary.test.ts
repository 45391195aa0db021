import { describe, expect, it } from 'vitest';
import { BINARY_PRIMITIVES, COMPARISON_PRIMITIVES, sizeOf, type BinaryPrimitive, type DType } from '@neurite/backend';
import { broadcastFlat, positionOf, randomIntegers, run, tabulate } from '../test-support.js';
import { powFloat, powInt32 } from './binary.js';

const COMPARISON = new Set<BinaryPrimitive>(COMPARISON_PRIMITIVES);

/** Float references, in float64 (the test rounds to the output dtype). */
const reference: Record<BinaryPrimitive, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => (a === 1 ? 1 : Math.pow(a, b)),
  maximum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? a : b),
  minimum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? a : b),
  eq: (a, b) => Number(a === b),
  ne: (a, b) => Number(a !== b),
  lt: (a, b) => Number(a < b),
  le: (a, b) => Number(a <= b),
  gt: (a, b) => Number(a > b),
  ge: (a, b) => Number(a >= b),
  logicalAnd: (a, b) => Number(Boolean(a || Number.isNaN(a)) && Boolean(b || Number.isNaN(b))),
  logicalOr: (a, b) => Number(Boolean(a || Number.isNaN(a)) || Boolean(b || Number.isNaN(b))),
};

/** [a shape, b shape, output shape]: same shape, trailing, both sides, scalars, middle axes, empty. */
const SHAPES: [number[], number[], number[]][] = [
  [[2, 3], [2, 3], [2, 3]],
  [[2, 3], [3], [2, 3]],
  [[2, 1], [1, 3], [2, 3]],
  [[], [2, 3], [2, 3]],
  [[2, 3], [], [2, 3]],
  [[4, 1, 3], [2, 1], [4, 2, 3]],
  [[2, 3, 4], [2, 1, 4], [2, 3, 4]],
  [[3, 1, 2, 1], [1, 4, 1, 5], [3, 4, 2, 5]],
  [[0, 3], [3], [0, 3]],
  [[], [], []],
  [[1], [], [1]],
];

/** The naive broadcast: for each output position, read each input at its broadcast position. */
function naive(op: BinaryPrimitive, a: readonly number[], aShape: number[], b: readonly number[], bShape: number[], shape: number[], dtype: DType): number[] {
  return tabulate(shape, (position) => reference[op](a[broadcastFlat(position, aShape)], b[broadcastFlat(position, bShape)]), dtype);
}

function normalized(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, (value) => (Number.isNaN(value) ? 'NaN' : value + 0));
}

describe('binary kernels broadcast like NumPy', () => {
  for (const op of BINARY_PRIMITIVES) {
    it(`${op} on float32 matches the naive reference for every shape pair`, () => {
      SHAPES.forEach(([aShape, bShape, shape], caseIndex) => {
        // Small halves so that equal values (for eq/le/ge) and zeros (for the logical ops) occur.
        const a = randomIntegers(sizeOf(aShape), 10 + caseIndex, -4, 5).map((value) => value / 2);
        const b = randomIntegers(sizeOf(bShape), 20 + caseIndex, -4, 5).map((value) => value / 2);
        if (a.length > 2) a[1] = NaN;
        const dtype: DType = COMPARISON.has(op) ? 'bool' : 'float32';
        const actual = run(op, [{ values: a, shape: aShape }, { values: b, shape: bShape }], {}, { shape, dtype });
        expect(normalized(actual), `${op} ${JSON.stringify(aShape)} ${JSON.stringify(bShape)}`).toEqual(
          normalized(naive(op, a, aShape, b, bShape, shape, dtype)),
        );
      });
    });
  }
});

describe('binary kernels on int32 wrap like Int32Array', () => {
  const a = [2147483647, -2147483648, 65536, -7, 123456789, 3];
  const b = [1, -1, 65536, 2, 1000, -3];
  const int = (op: BinaryPrimitive, left = a, right = b) =>
    Array.from(run(op, [{ values: left, shape: [left.length], dtype: 'int32' }, { values: right, shape: [right.length], dtype: 'int32' }], {}, { shape: [left.length], dtype: 'int32' }));
  const wrap = (value: bigint) => Number(BigInt.asIntN(32, value));

  it('add, sub and mul', () => {
    expect(int('add')).toEqual(a.map((x, i) => wrap(BigInt(x) + BigInt(b[i]))));
    expect(int('sub')).toEqual(a.map((x, i) => wrap(BigInt(x) - BigInt(b[i]))));
    expect(int('mul')).toEqual(a.map((x, i) => wrap(BigInt(x) * BigInt(b[i]))));
  });

  it('pow by squaring, with negative exponents truncating', () => {
    const bases = [2, 3, -3, 7, 1, -1, -1, 5, 0, 12345];
    const exponents = [10, 20, 3, 0, -5, -3, -4, -1, 0, 7];
    expect(int('pow', bases, exponents)).toEqual([1024, wrap(3n ** 20n), -27, 1, 1, -1, 1, 0, 1, wrap(12345n ** 7n)]);
    expect(powInt32(2, 31)).toBe(-2147483648);
    expect(powInt32(2, 32)).toBe(0);
  });

  it('maximum, minimum and comparisons on int32 inputs', () => {
    expect(int('maximum')).toEqual([2147483647, -1, 65536, 2, 123456789, 3]);
    expect(int('minimum')).toEqual([1, -2147483648, 65536, -7, 1000, -3]);
    const lt = run('lt', [{ values: a, shape: [6], dtype: 'int32' }, { values: b, shape: [6], dtype: 'int32' }], {}, { shape: [6], dtype: 'bool' });
    expect(Array.from(lt)).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('broadcasts an int32 scalar', () => {
    const actual = run('mul', [{ values: [1, 2, 3, 4], shape: [2, 2], dtype: 'int32' }, { values: [-3], shape: [], dtype: 'int32' }], {}, { shape: [2, 2], dtype: 'int32' });
    expect(Array.from(actual)).toEqual([-3, -6, -9, -12]);
  });
});

describe('binary kernels: special values', () => {
  it('pow follows C pow, not JavaScript **', () => {
    expect(powFloat(1, NaN)).toBe(1);
    expect(powFloat(-1, Infinity)).toBe(1);
    expect(powFloat(NaN, 0)).toBe(1);
    expect(powFloat(-8, 1 / 3)).toBeNaN();
    expect(Array.from(run('pow', [{ values: [2, -2, 0, 4], shape: [4] }, { values: [0.5, 2, -1, -0.5], shape: [4] }], {}, { shape: [4] }))).toEqual([
      Math.fround(Math.SQRT2), 4, Infinity, 0.5,
    ]);
  });

  it('maximum and minimum propagate NaN from either side', () => {
    const max = run('maximum', [{ values: [NaN, 1, 2], shape: [3] }, { values: [1, NaN, 1], shape: [3] }], {}, { shape: [3] });
    expect(normalized(max)).toEqual(['NaN', 'NaN', 2]);
    const min = run('minimum', [{ values: [NaN, 1, 2], shape: [3] }, { values: [1, NaN, 1], shape: [3] }], {}, { shape: [3] });
    expect(normalized(min)).toEqual(['NaN', 'NaN', 1]);
  });

  it('comparisons with NaN are false except ne', () => {
    for (const op of ['eq', 'lt', 'le', 'gt', 'ge'] as const) {
      expect(Array.from(run(op, [{ values: [NaN], shape: [1] }, { values: [NaN], shape: [1] }], {}, { shape: [1], dtype: 'bool' }))).toEqual([0]);
    }
    expect(Array.from(run('ne', [{ values: [NaN], shape: [1] }, { values: [NaN], shape: [1] }], {}, { shape: [1], dtype: 'bool' }))).toEqual([1]);
  });

  it('logical ops on bools', () => {
    const a = { values: [0, 0, 1, 1], shape: [4], dtype: 'bool' as const };
    const b = { values: [0, 1, 0, 1], shape: [4], dtype: 'bool' as const };
    expect(Array.from(run('logicalAnd', [a, b], {}, { shape: [4], dtype: 'bool' }))).toEqual([0, 0, 0, 1]);
    expect(Array.from(run('logicalOr', [a, b], {}, { shape: [4], dtype: 'bool' }))).toEqual([0, 1, 1, 1]);
    expect(Array.from(run('eq', [a, b], {}, { shape: [4], dtype: 'bool' }))).toEqual([1, 0, 0, 1]);
  });

  it('arithmetic with a bool output stays 0/1', () => {
    const a = { values: [0, 1, 1], shape: [3], dtype: 'bool' as const };
    expect(Array.from(run('add', [a, a], {}, { shape: [3], dtype: 'bool' }))).toEqual([0, 1, 1]);
    expect(Array.from(run('sub', [a, { values: [1, 0, 1], shape: [3], dtype: 'bool' }], {}, { shape: [3], dtype: 'bool' }))).toEqual([1, 1, 0]);
  });

  it('positionOf walks row-major (sanity check of the test helper)', () => {
    expect(positionOf(5, [2, 3])).toEqual([1, 2]);
    expect(broadcastFlat([1, 2], [1, 3])).toBe(2);
  });
});
