import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dotProductFunctions } from './dot-tiles.js';
import { FunctionIndex, encodeModule } from './module-builder.js';

/** The dot-product kernels in a module of their own over a fresh memory. */
function instantiate(relaxed: boolean): { memory: WebAssembly.Memory; dot: (...args: number[]) => void } {
  const index = new FunctionIndex();
  const functions = index.order(dotProductFunctions('dot', relaxed, index));
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 65536 });
  const module = new WebAssembly.Module(encodeModule({ initialPages: 1, maximumPages: 65536, shared: false }, functions));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, dot: instance.exports.dot as (...args: number[]) => void };
}

describe('the dot-product kernels (C = Σ_s A_s @ B_sᵀ)', () => {
  const { memory, dot } = instantiate(false);

  it('agree with a double-precision sum for every tile edge, depth tail and segment block (property)', () => {
    const size = fc.integer({ min: 1, max: 11 });
    fc.assert(fc.property(size, size, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 20 }), fc.nat(), (m, n, k, segments, seed) => {
      const floats = new Float32Array(memory.buffer);
      let state = seed;
      const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 4;
      // A: segments x [m, k], B: segments x [n, k] (rows of the stored Bᵀ), C: [m, n], each at its own offset.
      const [aAt, bAt] = [0, segments * m * k];
      const cAt = bAt + segments * n * k;
      for (let i = 0; i < cAt; i++) floats[i] = random();
      floats.fill(Number.NaN, cAt, cAt + m * n); // every element must be written
      dot(m, n, k, segments, 4 * aAt, 4 * k, 4 * m * k, 4 * bAt, 4 * k, 4 * n * k, 4 * cAt);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          let magnitude = 0;
          for (let s = 0; s < segments; s++) {
            for (let p = 0; p < k; p++) {
              const term = floats[aAt + (s * m + i) * k + p] * floats[bAt + (s * n + j) * k + p];
              sum += term;
              magnitude += Math.abs(term);
            }
          }
          // Each float32 addition rounds by at most 2^-24 of a partial sum, itself at most Σ|terms|.
          expect(Math.abs(floats[cAt + i * n + j] - sum)).toBeLessThanOrEqual((segments * k + 8) * 2 ** -24 * magnitude + 1e-30);
        }
      }
    }), { numRuns: 300, seed: 7 });
  });

  it('gives every element the same bits whichever tile computes it', () => {
    // Row 0 of a 3-row product (a 2x4 tile) and the same row alone (a 1x4 tile), with 9 segments (two blocks).
    const floats = new Float32Array(memory.buffer);
    const [m, n, k, segments] = [3, 5, 13, 9];
    for (let i = 0; i < segments * (m + n) * k; i++) floats[i] = Math.sin(i) * 3;
    const [bAt, cAt, rowAt] = [segments * m * k, segments * (m + n) * k, segments * (m + n) * k + m * n];
    dot(m, n, k, segments, 0, 4 * k, 4 * m * k, 4 * bAt, 4 * k, 4 * n * k, 4 * cAt);
    dot(1, n, k, segments, 0, 4 * k, 4 * m * k, 4 * bAt, 4 * k, 4 * n * k, 4 * rowAt);
    expect(Array.from(floats.subarray(rowAt, rowAt + n))).toEqual(Array.from(floats.subarray(cAt, cAt + n)));
  });
});
