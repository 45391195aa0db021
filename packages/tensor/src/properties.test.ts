import { describe, it } from 'vitest';
import fc from 'fast-check';
import { tensor, concat, tidy } from './index.js';
import { expectClose } from './testing/compare.js';
import { naiveBinary, naiveConcat, naivePermute, naiveSlice, naiveSum, sizeOf } from './testing/naive.js';

/** Random shapes and values against the naive references in testing/naive.ts. */

const dims = (maxRank: number) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: maxRank });
const valuesFor = (shape: number[]) => fc.array(fc.integer({ min: -50, max: 50 }).map((v) => v / 4), { minLength: sizeOf(shape), maxLength: sizeOf(shape) });
const withValues = (shape: number[]) => valuesFor(shape).map((values) => ({ shape, values }));
const runs = { numRuns: 120 };

/** Two shapes that broadcast together: drop or set to 1 some axes of a common shape. */
const broadcastPair = dims(4).chain((shape) =>
  fc.tuple(
    fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    fc.integer({ min: 0, max: shape.length }),
  ).map(([onesA, onesB, drop]) => {
    const a = shape.map((d, i) => (onesA[i] ? 1 : d)).slice(drop);
    const b = shape.map((d, i) => (onesB[i] ? 1 : d));
    // Where both operands have 1, so does the result.
    const out = b.map((d, i) => Math.max(d, a[i - (b.length - a.length)] ?? 1));
    return { a, b, out };
  }),
);

// Front-end shape logic against naive references; fast-check's synchronous properties read with dataSync, so the CPU backend.
describe('properties against naive references (CPU backend, synchronous reads)', () => {
  it('broadcasting binary ops', () => {
    fc.assert(
      fc.property(broadcastPair.chain(({ a, b, out }) => fc.tuple(withValues(a), withValues(b), fc.constant(out))), ([a, b, out]) =>
        tidy(() => {
          const x = tensor(a.values, a.shape);
          const y = tensor(b.values, b.shape);
          expectClose(x.add(y).dataSync(), naiveBinary(a.values, a.shape, b.values, b.shape, out, (p, q) => p + q), 'add');
          expectClose(x.mul(y).dataSync(), naiveBinary(a.values, a.shape, b.values, b.shape, out, (p, q) => p * q), 'mul');
          expectClose(x.maximum(y).dataSync(), naiveBinary(a.values, a.shape, b.values, b.shape, out, Math.max), 'maximum');
          expectClose(x.lt(y).dataSync(), naiveBinary(a.values, a.shape, b.values, b.shape, out, (p, q) => Number(p < q)), 'lt');
        }),
      ),
      runs,
    );
  });

  it('reshape keeps the row-major order', () => {
    fc.assert(
      fc.property(dims(4).chain(withValues), fc.integer({ min: 0, max: 3 }), ({ shape, values }, split) =>
        tidy(() => {
          const target = [sizeOf(shape.slice(0, split)), -1];
          expectClose(tensor(values, shape).reshape(target).dataSync(), values, 'reshape');
        }),
      ),
      runs,
    );
  });

  it('permute', () => {
    fc.assert(
      fc.property(
        dims(5).chain((shape) => fc.tuple(withValues(shape), fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length }))),
        ([{ shape, values }, perm]) =>
          tidy(() => expectClose(tensor(values, shape).permute(perm).dataSync(), naivePermute(values, shape, perm), `permute [${perm}]`)),
      ),
      runs,
    );
  });

  it('slice', () => {
    const window = dims(4).chain((shape) =>
      fc.tuple(withValues(shape), fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: d - b })))))),
    );
    fc.assert(
      fc.property(window, ([{ shape, values }, spans]) =>
        tidy(() => {
          const begin = spans.map(([b]) => b);
          const size = spans.map(([, s]) => s);
          expectClose(tensor(values, shape).slice(begin, size).dataSync(), naiveSlice(values, shape, begin, size), 'slice');
        }),
      ),
      runs,
    );
  });

  it('concat', () => {
    const parts = dims(4)
      .filter((shape) => shape.length > 0)
      .chain((shape) =>
        fc.tuple(fc.integer({ min: 0, max: shape.length - 1 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 })).chain(([axis, lengths]) =>
          fc.tuple(fc.constant(axis), fc.tuple(...lengths.map((length) => withValues(shape.map((d, i) => (i === axis ? length : d)))))),
        ),
      );
    fc.assert(
      fc.property(parts, ([axis, pieces]) =>
        tidy(() => {
          const result = concat(pieces.map((p) => tensor(p.values, p.shape)), axis);
          expectClose(result.dataSync(), naiveConcat(pieces, axis), 'concat');
        }),
      ),
      runs,
    );
  });

  it('sum over any axes', () => {
    fc.assert(
      fc.property(dims(4).chain((shape) => fc.tuple(withValues(shape), fc.subarray(shape.map((_, i) => i)))), ([{ shape, values }, axes]) =>
        tidy(() => expectClose(tensor(values, shape).sum(axes, true).dataSync(), naiveSum(values, shape, axes), `sum [${axes}]`)),
      ),
      runs,
    );
  });
});
