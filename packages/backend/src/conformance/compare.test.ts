import { describe, expect, it } from 'vitest';
import { firstMismatch, MAGNITUDE_RTOL } from './compare.js';

const strict = { atol: 1e-6, rtol: 1e-5 };

describe('firstMismatch', () => {
  it('allows a cancelling sum the rounding its terms imply, not a missing term', () => {
    // Σ of terms of size ~1000 that cancels to ~0: float32 order alone moves it by ~1e-4.
    const magnitude = Float32Array.from([4000]);
    const reference = Float32Array.from([0.0001]);
    expect(firstMismatch(Float32Array.from([0.0003]), reference, 'float32', strict, { magnitude })).toBeNull();
    expect(firstMismatch(Float32Array.from([0.0003]), reference, 'float32', strict)).toMatch(/element 0 is 0.0003/);
    // One term of ~30 left out is far beyond MAGNITUDE_RTOL·Σ|terms|.
    expect(30).toBeGreaterThan(100 * MAGNITUDE_RTOL * 4000);
    expect(firstMismatch(Float32Array.from([30.0001]), reference, 'float32', strict, { magnitude })).toMatch(/element 0/);
  });

  it('matches NaN with NaN and infinities exactly, even where the magnitude is infinite', () => {
    const magnitude = Float32Array.from([Infinity, Infinity]);
    expect(firstMismatch(Float32Array.from([NaN, Infinity]), Float32Array.from([NaN, Infinity]), 'float32', strict, { magnitude })).toBeNull();
    expect(firstMismatch(Float32Array.from([NaN, 5]), Float32Array.from([NaN, Infinity]), 'float32', strict, { magnitude })).toMatch(/element 1 is 5/);
    expect(firstMismatch(Float32Array.from([1]), Float32Array.from([NaN]), 'float32', strict)).toMatch(/element 0 is 1, the reference gives NaN/);
  });

  it('lets a float32 accumulator overflow where Σ|terms| exceeds the float32 range, but never lose a NaN', () => {
    const magnitude = Float32Array.from([Infinity, Infinity, Infinity]);
    // 3e38 + 3e38 - 3e38 is 3e38 in doubles and Inf - Inf = NaN in float32.
    expect(firstMismatch(Float32Array.from([NaN, Infinity, -Infinity]), Float32Array.from([Infinity, 3e38, 7]), 'float32', strict, { magnitude })).toBeNull();
    expect(firstMismatch(Float32Array.from([Infinity]), Float32Array.from([NaN]), 'float32', strict, { magnitude })).toMatch(/element 0 is Infinity, the reference gives NaN/);
    expect(firstMismatch(Float32Array.from([NaN]), Float32Array.from([Infinity]), 'float32', strict, { magnitude: Float32Array.from([10]) })).toMatch(/element 0 is NaN/);
  });

  it('in exact mode demands the same bits, the sign of zero included', () => {
    expect(firstMismatch(Float32Array.from([-0]), Float32Array.from([0]), 'float32', strict)).toBeNull();
    expect(firstMismatch(Float32Array.from([-0]), Float32Array.from([0]), 'float32', strict, { exact: true })).toBe('element 0 is -0, the reference gives 0');
    expect(firstMismatch(Float32Array.from([1 + 2 ** -23]), Float32Array.from([1]), 'float32', strict, { exact: true })).toMatch(/element 0/);
    expect(firstMismatch(Float32Array.from([1.5]), Float32Array.from([1.5]), 'float32', strict, { exact: true })).toBeNull();
  });

  it('compares integers and bools exactly', () => {
    expect(firstMismatch(Int32Array.from([3]), Int32Array.from([4]), 'int32', { atol: 10, rtol: 1 })).toBe('element 0 is 3, the reference gives 4');
    expect(firstMismatch(Uint8Array.from([1, 0]), Uint8Array.from([1]), 'bool', strict)).toBe('2 values, expected 1');
  });
});
