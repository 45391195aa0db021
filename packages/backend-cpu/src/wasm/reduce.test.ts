import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeOf } from '@neurite/backend';
import { run } from '../test-support.js';

const element = fc.oneof(
  { weight: 8, arbitrary: fc.float({ noNaN: true, min: -1e4, max: 1e4 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0) },
);

/** A shape and a non-empty set of axes to reduce (any pattern: leading, middle, trailing). */
const scenario = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
  fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, axis) => axis), { minLength: 1 })));

function bits(values: ArrayLike<number>): (number | 'NaN')[] {
  const words = new Uint32Array(Float32Array.from(values).buffer);
  return Array.from(values, (value, index) => (Number.isNaN(value) ? 'NaN' : words[index]));
}

describe('the WebAssembly reductions', () => {
  it.each(['sum', 'max', 'min'] as const)('%s over any axes gives the TypeScript kernel\'s bits (sum: within 1 ulp) (property)', (op) => {
    fc.assert(fc.property(scenario, fc.array(element, { minLength: 1, maxLength: 500 }), ([shape, axes], pool) => {
      const values = Array.from({ length: sizeOf(shape) }, (_, i) => pool[i % pool.length]);
      const output = { shape: shape.map((size, axis) => (axes.includes(axis) ? 1 : size)) };
      const inputs = [{ values, shape }];
      const simd = bits(run(op, inputs, { axes }, output, 'auto'));
      const typescript = bits(run(op, inputs, { axes }, output, 'typescript'));
      if (op !== 'sum') {
        expect(simd).toEqual(typescript);
        return;
      }
      // Sums may add a row in another (fixed) order of doubles: at most one float ulp apart.
      simd.forEach((word, index) => {
        const other = typescript[index];
        if (word === 'NaN' || other === 'NaN') expect(word).toBe(other);
        else expect(Math.abs(word - other), `element ${index}`).toBeLessThanOrEqual(1);
      });
    }), { numRuns: 300, seed: 21 });
  });
});

describe('the WebAssembly argmax and argmin', () => {
  it.each(['argmax', 'argmin'] as const)('%s gives the TypeScript kernel\'s indices, ties and NaN included (property)', (op) => {
    const tied = fc.oneof(fc.constantFrom(0, 1, -1, 2, NaN, Infinity, -Infinity), fc.float({ noNaN: true, min: -10, max: 10 }));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), fc.nat(), fc.array(tied, { minLength: 1, maxLength: 200 }), (shape, axisPick, pool) => {
      const axis = axisPick % shape.length;
      const values = Array.from({ length: sizeOf(shape) }, (_, i) => pool[i % pool.length]);
      const output = { shape: shape.map((size, a) => (a === axis ? 1 : size)), dtype: 'int32' as const };
      const inputs = [{ values, shape }];
      expect(Array.from(run(op, inputs, { axis }, output, 'auto'))).toEqual(Array.from(run(op, inputs, { axis }, output, 'typescript')));
    }), { numRuns: 300, seed: 22 });
  });
});
