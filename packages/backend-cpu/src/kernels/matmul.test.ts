import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeOf, type DType } from '@neurite/backend';
import { KERNEL_PATHS, broadcastFlat, flatOf, randomFloats, randomIntegers, run, tabulate, type KernelPathOption } from '../test-support.js';

interface Case {
  aShape: number[];
  bShape: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** Output shape: broadcast batch axes, then [M, N] after the transposes. */
function outputShapeOf({ aShape, bShape, transposeA, transposeB }: Case): number[] {
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const rank = Math.max(aBatch.length, bBatch.length);
  const batch = Array.from({ length: rank }, (_, axis) => {
    const aSize = aBatch[axis - (rank - aBatch.length)] ?? 1;
    const bSize = bBatch[axis - (rank - bBatch.length)] ?? 1;
    return aSize === 1 ? bSize : aSize;
  });
  const rows = transposeA ? aShape[aShape.length - 1] : aShape[aShape.length - 2];
  const columns = transposeB ? bShape[bShape.length - 2] : bShape[bShape.length - 1];
  return [...batch, rows, columns];
}

/** The naive triple loop, reading every element through its multi-index (float64 sums). */
function naive(c: Case, a: readonly number[], b: readonly number[], dtype: DType): { values: number[]; bounds: number[] } {
  const shape = outputShapeOf(c);
  const rank = shape.length;
  const depth = c.transposeA ? c.aShape[c.aShape.length - 2] : c.aShape[c.aShape.length - 1];
  const bounds: number[] = [];
  const values = tabulate(
    shape,
    (position) => {
      const batch = position.slice(0, -2);
      const [i, j] = position.slice(rank - 2);
      const aBatch = c.aShape.length > 2 ? broadcastFlat(batch, c.aShape.slice(0, -2)) : 0;
      const bBatch = c.bShape.length > 2 ? broadcastFlat(batch, c.bShape.slice(0, -2)) : 0;
      const aMatrix = c.aShape.slice(-2);
      const bMatrix = c.bShape.slice(-2);
      let sum = 0;
      let bound = 0;
      for (let k = 0; k < depth; k++) {
        const x = a[aBatch * sizeOf(aMatrix) + flatOf(c.transposeA ? [k, i] : [i, k], aMatrix)];
        const y = b[bBatch * sizeOf(bMatrix) + flatOf(c.transposeB ? [j, k] : [k, j], bMatrix)];
        sum = dtype === 'int32' ? (sum + Math.imul(x, y)) | 0 : sum + x * y;
        bound += Math.abs(x * y);
      }
      bounds.push(bound);
      return sum;
    },
    dtype,
  );
  return { values, bounds };
}

function check(c: Case, seed: number, path: KernelPathOption): void {
  const a = randomFloats(sizeOf(c.aShape), seed);
  const b = randomFloats(sizeOf(c.bShape), seed + 1);
  const shape = outputShapeOf(c);
  const actual = run('matmul', [{ values: a, shape: c.aShape }, { values: b, shape: c.bShape }], { transposeA: c.transposeA, transposeB: c.transposeB }, { shape }, path);
  const { values, bounds } = naive(c, a, b, 'float32');
  expect(actual.length).toBe(values.length);
  // The reference sums in doubles. The TypeScript kernel does too (per 256-deep slab), the
  // WebAssembly kernel in float32, in order of k: each addition may round by 2^-24 of the partial
  // sum, which is at most the sum of |a||b| (bounds). Allow that per step, plus the final rounding.
  const depth = c.transposeA ? c.aShape[c.aShape.length - 2] : c.aShape[c.aShape.length - 1];
  const steps = path === 'typescript' ? 17 : depth + 2;
  values.forEach((value, index) => expect(Math.abs(actual[index] - value), `${JSON.stringify(c)} at ${index}`).toBeLessThanOrEqual(steps * 2 ** -24 * bounds[index] + 1e-30));
}

describe.each(KERNEL_PATHS)('matmul on the %s kernels', (path) => {
  it('multiplies 2x3 by 3x2 (hand-computed)', () => {
    const a = { values: [1, 2, 3, 4, 5, 6], shape: [2, 3] };
    const b = { values: [7, 8, 9, 10, 11, 12], shape: [3, 2] };
    expect(Array.from(run('matmul', [a, b], { transposeA: false, transposeB: false }, { shape: [2, 2] }, path))).toEqual([58, 64, 139, 154]);
    // aᵀ is [[1,4],[2,5],[3,6]]; aᵀ @ [[1,0,0],[0,1,0]] keeps the first two columns of aᵀ.
    const selector = { values: [1, 0, 0, 0, 1, 0], shape: [2, 3] };
    expect(Array.from(run('matmul', [a, selector], { transposeA: true, transposeB: false }, { shape: [3, 3] }, path))).toEqual([1, 4, 0, 2, 5, 0, 3, 6, 0]);
    // a @ aᵀ.
    expect(Array.from(run('matmul', [a, a], { transposeA: false, transposeB: true }, { shape: [2, 2] }, path))).toEqual([14, 32, 32, 77]);
  });

  it('handles sizes that cross the cache blocks, odd rows and every transpose', () => {
    const sizes: [number, number, number][] = [
      [5, 300, 150],
      [130, 7, 129],
      [1, 513, 1],
      [3, 257, 3],
      // Around the WebAssembly kernel's blocks: 4-row and 8-column register tiles, 64-row A
      // blocks, 256-deep slabs, 512-column B panels.
      [67, 260, 17],
      [9, 20, 515],
    ];
    sizes.forEach(([rows, depth, columns], index) => {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const aShape = transposeA ? [depth, rows] : [rows, depth];
          const bShape = transposeB ? [columns, depth] : [depth, columns];
          check({ aShape, bShape, transposeA, transposeB }, index * 10, path);
        }
      }
    });
  });

  it('broadcasts batch axes', () => {
    check({ aShape: [2, 1, 3, 4], bShape: [3, 4, 5], transposeA: false, transposeB: false }, 1, path);
    check({ aShape: [3, 4], bShape: [2, 3, 4, 5], transposeA: false, transposeB: false }, 2, path);
    check({ aShape: [1, 4, 3], bShape: [2, 5, 4], transposeA: true, transposeB: true }, 3, path);
  });

  it('gives zeros for an empty inner dimension and nothing for empty outputs', () => {
    expect(Array.from(run('matmul', [{ values: [], shape: [2, 0] }, { values: [], shape: [0, 3] }], { transposeA: false, transposeB: false }, { shape: [2, 3] }, path))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run('matmul', [{ values: [], shape: [0, 2] }, { values: [1, 2], shape: [2, 1] }], { transposeA: false, transposeB: false }, { shape: [0, 1] }, path).length).toBe(0);
    expect(run('matmul', [{ values: [], shape: [0, 2, 2] }, { values: [1, 2, 3, 4], shape: [2, 2] }], { transposeA: false, transposeB: false }, { shape: [0, 2, 2] }, path).length).toBe(0);
  });

  it('propagates NaN and infinities', () => {
    const actual = run('matmul', [{ values: [NaN, 1, 0, Infinity], shape: [2, 2] }, { values: [1, 0, 0, 1], shape: [2, 2] }], { transposeA: false, transposeB: false }, { shape: [2, 2] }, path);
    expect(Array.from(actual)).toEqual([NaN, NaN, NaN, Infinity]);
  });

  it('multiplies int32 with wrapping, in every transpose', () => {
    const a = randomIntegers(2 * 3 * 4, 5, -100000, 100000);
    const b = randomIntegers(4 * 5, 6, -100000, 100000);
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const c: Case = { aShape: transposeA ? [2, 4, 3] : [2, 3, 4], bShape: transposeB ? [5, 4] : [4, 5], transposeA, transposeB };
        const actual = run('matmul', [{ values: a, shape: c.aShape, dtype: 'int32' }, { values: b, shape: c.bShape, dtype: 'int32' }], { transposeA, transposeB }, { shape: outputShapeOf(c), dtype: 'int32' }, path);
        expect(actual).toBeInstanceOf(Int32Array);
        expect(Array.from(actual)).toEqual(naive(c, a, b, 'int32').values);
      }
    }
  });

  it('A @ Bᵀ with few rows and a long depth (the in-place dot path), at its tile and row-count edges', () => {
    const cases: Case[] = [
      { aShape: [3, 7, 130], bShape: [3, 9, 130], transposeA: false, transposeB: true },
      { aShape: [8, 576], bShape: [2, 25, 576], transposeA: false, transposeB: true },
      { aShape: [64, 67], bShape: [5, 67], transposeA: false, transposeB: true },
      { aShape: [65, 67], bShape: [5, 67], transposeA: false, transposeB: true },
      { aShape: [2, 3], bShape: [4, 3], transposeA: false, transposeB: true },
    ];
    cases.forEach((c, i) => check(c, 300 + i, path));
  });

  it('agrees with the naive triple loop on random shapes (property)', () => {
    const dimension = fc.integer({ min: 0, max: 9 });
    const batchAxis = fc.record({ size: fc.integer({ min: 1, max: 3 }), aBroadcast: fc.boolean(), bBroadcast: fc.boolean() });
    const scenario = fc.record({
      rows: dimension,
      depth: dimension,
      columns: dimension,
      batch: fc.array(batchAxis, { maxLength: 3 }),
      aDropLeading: fc.nat({ max: 3 }),
      bDropLeading: fc.nat({ max: 3 }),
      transposeA: fc.boolean(),
      transposeB: fc.boolean(),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        // Each input keeps a suffix of the batch axes, with some axes broadcast as size 1.
        const aBatch = s.batch.map((axis) => (axis.aBroadcast ? 1 : axis.size)).slice(Math.min(s.aDropLeading, s.batch.length));
        const bBatch = s.batch.map((axis) => (axis.bBroadcast ? 1 : axis.size)).slice(Math.min(s.bDropLeading, s.batch.length));
        const aShape = [...aBatch, ...(s.transposeA ? [s.depth, s.rows] : [s.rows, s.depth])];
        const bShape = [...bBatch, ...(s.transposeB ? [s.columns, s.depth] : [s.depth, s.columns])];
        check({ aShape, bShape, transposeA: s.transposeA, transposeB: s.transposeB }, s.seed, path);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
