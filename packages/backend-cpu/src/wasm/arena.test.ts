import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Arena, WASM32_MAXIMUM_BYTES, sizeClass } from './arena.js';
import { createCpuBackend } from '../cpu-backend.js';

describe('the heap arena', () => {
  it('serves a request with a class at most a fifth larger, in 16-byte multiples (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (bytes) => {
        const size = sizeClass(bytes);
        expect(size).toBeGreaterThanOrEqual(Math.max(bytes, 16));
        expect(size % 16).toBe(0);
        if (bytes > 256) expect(size).toBeLessThanOrEqual(bytes * 1.25);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('reuses a released block for the next request of its class, and grows at the top otherwise', () => {
    const arena = new Arena({ initialBytes: 65536 });
    const first = arena.allocate(1000);
    const second = arena.allocate(1000);
    expect(second).toBeGreaterThan(first);
    expect(first % 16).toBe(0);
    arena.free(first, 1000);
    expect(arena.allocate(990)).toBe(first); // same class
    expect(arena.bytesInUse).toBe(2 * sizeClass(1000));
  });

  it('grows the memory when the top passes it, and counts the growth', () => {
    const arena = new Arena({ initialBytes: 65536 });
    const generation = arena.generation;
    arena.allocate(10 * 65536);
    expect(arena.generation).toBe(generation + 1);
    expect(arena.heapBytes).toBeGreaterThanOrEqual(11 * 65536);
  });

  it('refuses a block past its cap with a RangeError naming the size, the use and the cap, and stays usable', () => {
    const arena = new Arena({ maximumBytes: 1 << 20, initialBytes: 65536 });
    const kept = arena.allocate(1000);
    expect(() => arena.allocate(2 << 20)).toThrow(/cannot allocate 2097152 bytes: 1024 bytes are in use and the heap is capped at 1048576 bytes \(maximumBytes\)/);
    expect(arena.allocate(1000)).toBeGreaterThan(kept);
  });

  it('names the 4 GiB of wasm32 when that is the cap', () => {
    const arena = new Arena({ initialBytes: 65536 });
    expect(arena.maximumBytes).toBe(WASM32_MAXIMUM_BYTES);
    expect(() => arena.allocate(5 * 2 ** 30)).toThrow(/capped at 4294967296 bytes \(the 4 GiB of wasm32\)/);
  });
});

describe('CPU buffers in the heap', () => {
  it('keep their values when the memory grows under them (views are remade)', () => {
    const backend = createCpuBackend({ maximumBytes: 64 << 20 });
    const small = backend.upload(new Float32Array([1, 2, 3]), 'float32');
    const before = backend.heap().heapBytes;
    const large = backend.fill(4 << 20, 7, 'float32'); // 16 MiB: the memory must grow
    expect(backend.heap().heapBytes).toBeGreaterThan(before);
    expect(Array.from(backend.readSync(small, 'float32', 3))).toEqual([1, 2, 3]);
    const sum = backend.kernels.add([{ dataId: small, shape: [3], dtype: 'float32' }, { dataId: small, shape: [3], dtype: 'float32' }], {}, { shape: [3], dtype: 'float32' });
    expect(Array.from(backend.readSync(sum, 'float32', 3))).toEqual([2, 4, 6]);
    for (const id of [small, large, sum]) backend.release(id);
    expect(backend.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('give a clear error at the heap cap, and the backend keeps working after it', () => {
    const backend = createCpuBackend({ maximumBytes: 8 << 20 });
    expect(() => backend.fill(4 << 20, 0, 'float32')).toThrow(RangeError);
    expect(() => backend.fill(4 << 20, 0, 'float32')).toThrow(/cpu heap: cannot allocate 16777216 bytes/);
    const ok = backend.fill(4, 1, 'float32');
    expect(Array.from(backend.readSync(ok, 'float32', 4))).toEqual([1, 1, 1, 1]);
    backend.release(ok);
  });
});
