import { describe, expect, it } from 'vitest';
import { decodeCache, encodeCache, hashWords } from './mnist-cache.js';
import type { MnistArrays } from './mnist-arrays.js';

function sample(count = 3): MnistArrays {
  const pixels = Float32Array.from({ length: count * 784 }, (_, i) => (i % 1001) / 1000);
  return { count, rows: 28, cols: 28, pixels, labels: Uint8Array.from({ length: count }, (_, i) => (i * 3) % 10) };
}

describe('the embedded-digits cache format', () => {
  it('round-trips pixels and labels exactly', () => {
    const arrays = sample();
    const decoded = decodeCache(encodeCache(arrays, 42), 42);
    if ('invalid' in decoded) throw new Error(decoded.invalid);
    expect(decoded.count).toBe(3);
    expect(decoded.pixels).toEqual(arrays.pixels);
    expect(Array.from(decoded.labels)).toEqual([0, 3, 6]);
  });

  it('reads a copy that is not 4-byte aligned', () => {
    const bytes = encodeCache(sample(), 1);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect('invalid' in decodeCache(shifted, 1)).toBe(false);
  });

  it('never trusts a damaged, truncated, foreign or stale file', () => {
    const bytes = encodeCache(sample(), 7);
    const damaged = (change: (copy: Uint8Array) => Uint8Array) => decodeCache(change(bytes.slice()), 7);
    expect(damaged((copy) => ((copy[32 + 784 * 4 + 5] ^= 1), copy))).toEqual({ invalid: 'checksum mismatch' });
    expect(damaged((copy) => ((copy[copy.length - 1] ^= 1), copy))).toEqual({ invalid: 'checksum mismatch' });
    expect(damaged((copy) => copy.subarray(0, copy.length - 10))).toEqual({ invalid: `${bytes.length - 10} bytes, expected ${bytes.length} for 3 images` });
    expect(damaged((copy) => copy.subarray(0, 20))).toEqual({ invalid: '20 bytes is shorter than the header' });
    expect(damaged((copy) => ((copy[0] = 0x41), copy))).toEqual({ invalid: 'not a Neurite MNIST cache' });
    expect(damaged((copy) => ((copy[8] = 9), copy))).toEqual({ invalid: 'format version 9, expected 1' });
    expect(decodeCache(bytes, 8)).toEqual({ invalid: 'made from other source files' });
  });

  it('hashes so that any single changed word changes the hash', () => {
    const words = Uint32Array.from({ length: 64 }, (_, i) => i * 2654435761);
    const reference = hashWords(words);
    for (let i = 0; i < words.length; i++) {
      const copy = words.slice();
      copy[i] ^= 1 << (i % 32);
      expect(hashWords(copy)).not.toBe(reference);
    }
  });
});
