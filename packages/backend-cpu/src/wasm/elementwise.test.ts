import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeOf, type BinaryPrimitive, type UnaryPrimitive } from '@neurite/backend';
import { run } from '../test-support.js';
import { WASM_BINARY_OPS, WASM_COMPARISON_OPS, WASM_UNARY_OPS } from './kernels/elementwise.js';

/** Values with the edge cases mixed in: NaN, ±Infinity, ±0, tiny and huge magnitudes. */
const element = fc.oneof(
  { weight: 6, arbitrary: fc.float({ noNaN: true, min: -1e3, max: 1e3 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e-40, -3e38) },
);

/** A shape and a broadcastable partner: each axis of the partner is the same size, 1, or dropped. */
const shapes = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }).chain((shape) =>
  fc.tuple(fc.constant(shape), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }), fc.nat({ max: shape.length })).map(([full, ones, drop]) => ({
    full,
    partner: full.map((size, axis) => (ones[axis] ? 1 : size)).slice(drop),
  })),
);

function bits(values: ArrayLike<number>): (number | 'NaN')[] {
  const words = new Uint32Array(Float32Array.from(values).buffer);
  return Array.from(values, (value, index) => (Number.isNaN(value) ? 'NaN' : words[index]));
}

describe('the WebAssembly elementwise kernels', () => {
  it.each(WASM_BINARY_OPS)('%s gives the TypeScript kernel\'s bits, with broadcasting either way round (property)', (op) => {
    fc.assert(fc.property(shapes, fc.boolean(), fc.array(element, { minLength: 1, maxLength: 800 }), ({ full, partner }, swap, pool) => {
      const [aShape, bShape] = swap ? [partner, full] : [full, partner];
      const take = (count: number, from: number): number[] => Array.from({ length: count }, (_, i) => pool[(from + i) % pool.length]);
      const inputs = [{ values: take(sizeOf(aShape), 0), shape: aShape }, { values: take(sizeOf(bShape), 7), shape: bShape }];
      const output = { shape: full };
      const simd = run(op as BinaryPrimitive, inputs, {}, output, 'auto');
      const typescript = run(op as BinaryPrimitive, inputs, {}, output, 'typescript');
      expect(bits(simd)).toEqual(bits(typescript));
    }), { numRuns: 150, seed: 11 });
  });

  it.each(WASM_UNARY_OPS)('%s gives the TypeScript kernel\'s bits (property)', (op) => {
    fc.assert(fc.property(fc.array(element, { maxLength: 300 }), (values) => {
      const inputs = [{ values, shape: [values.length] }];
      const output = { shape: [values.length] };
      expect(bits(run(op as UnaryPrimitive, inputs, {}, output, 'auto'))).toEqual(bits(run(op as UnaryPrimitive, inputs, {}, output, 'typescript')));
    }), { numRuns: 100, seed: 12 });
  });
});

describe('the WebAssembly comparisons and bool casts', () => {
  it.each(WASM_COMPARISON_OPS)('%s gives the TypeScript kernel\'s bools, with broadcasting (property)', (op) => {
    fc.assert(fc.property(shapes, fc.boolean(), fc.array(element, { minLength: 1, maxLength: 800 }), ({ full, partner }, swap, pool) => {
      const [aShape, bShape] = swap ? [partner, full] : [full, partner];
      const take = (count: number, from: number): number[] => Array.from({ length: count }, (_, i) => pool[(from + i) % pool.length]);
      const inputs = [{ values: take(sizeOf(aShape), 0), shape: aShape }, { values: take(sizeOf(bShape), 3), shape: bShape }];
      const output = { shape: full, dtype: 'bool' as const };
      expect(Array.from(run(op, inputs, {}, output, 'auto'))).toEqual(Array.from(run(op, inputs, {}, output, 'typescript')));
    }), { numRuns: 150, seed: 13 });
  });

  it('casts bools to 0 and 1 floats at every length around the 16-lane blocks', () => {
    for (const length of [0, 1, 15, 16, 17, 33, 64, 100]) {
      const values = Array.from({ length }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
      const actual = run('cast', [{ values, shape: [length], dtype: 'bool' }], {}, { shape: [length], dtype: 'float32' }, 'auto');
      expect(actual).toBeInstanceOf(Float32Array);
      expect(Array.from(actual)).toEqual(values);
    }
  });
});
