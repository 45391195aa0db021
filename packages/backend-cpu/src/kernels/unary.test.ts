import { describe, expect, it } from 'vitest';
import { UNARY_PRIMITIVES, type UnaryPrimitive } from '@neurite/backend';
import { erf } from '../erf.js';
import { run } from '../test-support.js';
import { roundHalfToEven, sigmoid } from './unary.js';

const SPECIAL = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 100, -100, 1e-30, Infinity, -Infinity, NaN];

/** What each op should give, written the obvious way (float64, then rounded to float32 by the test). */
const reference: Record<UnaryPrimitive, (x: number) => number> = {
  neg: (x) => -x,
  abs: (x) => Math.abs(x),
  sign: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : x),
  exp: (x) => Math.exp(x),
  log: (x) => Math.log(x),
  log1p: (x) => Math.log1p(x),
  sqrt: (x) => Math.sqrt(x),
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  tanh: (x) => Math.tanh(x),
  sigmoid: (x) => (x > 30 ? 1 : 1 / (1 + Math.exp(-x))),
  relu: (x) => (Number.isNaN(x) ? NaN : x > 0 ? x : 0),
  erf: (x) => erf(x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: (x) => {
    if (!Number.isFinite(x)) return x;
    const floor = Math.floor(x);
    const fraction = x - floor;
    if (fraction > 0.5) return floor + 1;
    if (fraction < 0.5) return floor === 0 && x < 0 ? -0 : floor;
    return floor % 2 === 0 ? floor : floor + 1;
  },
  logicalNot: (x) => (x === 0 ? 1 : 0),
};

/** Exact comparison in which NaN equals NaN and 0 equals -0. */
function same(actual: ArrayLike<number>, expected: readonly number[]): void {
  const normalize = (value: number) => (Number.isNaN(value) ? 'NaN' : value + 0);
  expect(Array.from(actual).map(normalize)).toEqual(expected.map(normalize));
}

describe('unary kernels on float32', () => {
  for (const op of UNARY_PRIMITIVES) {
    it(`${op} matches the reference on special values and a range`, () => {
      const inputs = [...SPECIAL, ...Array.from({ length: 41 }, (_, i) => -5 + i * 0.25 + 0.01)].map(Math.fround);
      const dtype = op === 'logicalNot' ? 'bool' : 'float32';
      const actual = run(op, [{ values: inputs, shape: [inputs.length] }], {}, { shape: [inputs.length], dtype });
      const expected = inputs.map((x) => (dtype === 'bool' ? reference[op](x) : Math.fround(reference[op](x))));
      if (op === 'sigmoid') {
        // The kernel uses e^x / (1 + e^x) for negative x: equal in exact arithmetic, not always in the last bit.
        actual.forEach((value, i) => {
          if (Number.isNaN(expected[i])) expect(value).toBeNaN();
          else expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(Math.abs(expected[i]) * 1.2e-7);
        });
      } else {
        same(actual, expected);
      }
    });
  }

  it('keeps a rank-0 scalar and an empty tensor', () => {
    expect(Array.from(run('exp', [{ values: [0], shape: [] }], {}, { shape: [] }))).toEqual([1]);
    expect(run('sqrt', [{ values: [], shape: [2, 0] }], {}, { shape: [2, 0] }).length).toBe(0);
  });

  it('rounds half to even, like PyTorch', () => {
    const inputs = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999998, 2.5000002, 4.5, 5.5, 8388607.5];
    same(run('round', [{ values: inputs, shape: [inputs.length] }], {}, { shape: [inputs.length] }), [
      0, 2, 2, 4, 0, -2, -2, 2, 3, 4, 6, 8388608,
    ]);
    expect(roundHalfToEven(-3.5)).toBe(-4);
  });

  it('computes a stable sigmoid for large |x|', () => {
    const actual = run('sigmoid', [{ values: [-1000, -100, -20, 0, 20, 100, 1000], shape: [7] }], {}, { shape: [7] });
    expect(actual[0]).toBe(0);
    expect(actual[1]).toBe(Math.fround(3.720075976020836e-44));
    expect(actual[2]).toBe(Math.fround(2.0611536181902037e-9));
    expect(Array.from(actual.slice(3))).toEqual([0.5, 1, 1, 1]);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-40)).toBeGreaterThan(0);
  });

  it('keeps NaN through relu and sign, and sign(0) is 0', () => {
    same(run('relu', [{ values: [NaN, -1, 2], shape: [3] }], {}, { shape: [3] }), [NaN, 0, 2]);
    same(run('sign', [{ values: [NaN, 0, -3, 5], shape: [4] }], {}, { shape: [4] }), [NaN, 0, -1, 1]);
  });
});

describe('unary kernels on int32 and bool', () => {
  it('neg, abs and sign stay int32 and wrap like Int32Array', () => {
    const values = [0, 5, -7, 2147483647, -2147483648];
    expect(Array.from(run('neg', [{ values, shape: [5], dtype: 'int32' }], {}, { shape: [5], dtype: 'int32' }))).toEqual([
      0, -5, 7, -2147483647, -2147483648,
    ]);
    expect(Array.from(run('abs', [{ values, shape: [5], dtype: 'int32' }], {}, { shape: [5], dtype: 'int32' }))).toEqual([
      0, 5, 7, 2147483647, -2147483648,
    ]);
    expect(Array.from(run('sign', [{ values, shape: [5], dtype: 'int32' }], {}, { shape: [5], dtype: 'int32' }))).toEqual([0, 1, -1, 1, -1]);
  });

  it('exp of int32 writes float32 when the output says so', () => {
    const actual = run('exp', [{ values: [0, 1, 2], shape: [3], dtype: 'int32' }], {}, { shape: [3], dtype: 'float32' });
    expect(actual).toBeInstanceOf(Float32Array);
    expect(Array.from(actual)).toEqual([1, Math.fround(Math.E), Math.fround(Math.exp(2))]);
  });

  it('logicalNot of bool, int32 and float', () => {
    expect(Array.from(run('logicalNot', [{ values: [0, 1, 1, 0], shape: [2, 2], dtype: 'bool' }], {}, { shape: [2, 2], dtype: 'bool' }))).toEqual([1, 0, 0, 1]);
    expect(Array.from(run('logicalNot', [{ values: [0, 3, -1], shape: [3], dtype: 'int32' }], {}, { shape: [3], dtype: 'bool' }))).toEqual([1, 0, 0]);
    expect(Array.from(run('logicalNot', [{ values: [NaN, 0, 0.1], shape: [3] }], {}, { shape: [3], dtype: 'bool' }))).toEqual([0, 1, 0]);
  });

  it('a bool output of an arithmetic op is 0/1', () => {
    expect(Array.from(run('neg', [{ values: [0, 1], shape: [2], dtype: 'bool' }], {}, { shape: [2], dtype: 'bool' }))).toEqual([0, 1]);
  });
});
