import { describe, expect, it } from 'vitest';
import { KernelDataError } from '@neurite/backend';
import { createQueuedBackend } from './index.js';

const input = (dataId: object, shape: number[], dtype: 'float32' | 'int32' = 'float32') => ({ dataId, shape, dtype });

describe('the queued test backend', () => {
  it('runs kernels later, in order, and reads only asynchronously', async () => {
    const backend = createQueuedBackend();
    expect(backend.capabilities.synchronousRead).toBe(false);
    const x = backend.upload(Float32Array.from([1, 2]), 'float32');
    const y = backend.kernels.exp([input(x, [2])], {}, { shape: [2], dtype: 'float32' });
    expect(() => backend.readSync()).toThrow("readSync: the 'queued' backend runs its work later and reads only asynchronously; use await tensor.data()");
    const values = await backend.read(y, 'float32', 2);
    expect(Array.from(values)).toEqual([Math.fround(Math.E), Math.fround(Math.exp(2))]);
  });

  it('a data error rejects the next read, once, naming the op; later work is unaffected', async () => {
    for (const schedule of ['timer', 'microtask'] as const) {
      const backend = createQueuedBackend({ schedule });
      const x = backend.upload(Float32Array.from([1, 2, 3]), 'float32');
      const index = backend.upload(Int32Array.from([4]), 'int32');
      // The call returns at once: the index is only looked at when the queue runs.
      const bad = backend.kernels.gather([input(x, [3]), input(index, [1], 'int32')], { axis: 0, label: { op: 'embedding', what: 'index', range: 'embeddings' } }, { shape: [1], dtype: 'float32' });
      const good = backend.kernels.neg([input(x, [3])], {}, { shape: [3], dtype: 'float32' });
      const failed = backend.read(good, 'float32', 3);
      await expect(failed).rejects.toThrow(KernelDataError);
      await expect(failed).rejects.toThrow('embedding: index 4 is out of range for 3 embeddings');
      expect(Array.from(await backend.read(good, 'float32', 3))).toEqual([-1, -2, -3]);
      await expect(backend.sync()).resolves.toBeUndefined();
      for (const id of [x, index, bad, good]) backend.release(id);
    }
  });

  it('frees a released buffer only after the work queued before the release', async () => {
    const backend = createQueuedBackend();
    const x = backend.upload(new Float32Array(1000), 'float32');
    const y = backend.kernels.neg([input(x, [1000])], {}, { shape: [1000], dtype: 'float32' });
    backend.release(x);
    expect(() => backend.kernels.neg([input(x, [1000])], {}, { shape: [1000], dtype: 'float32' })).toThrow('neg: the buffer has already been released');
    expect(() => backend.release(x)).toThrow('released twice');
    expect(backend.memory()).toEqual({ buffers: 2, bytes: 8000 });
    await backend.sync();
    expect(backend.memory()).toEqual({ buffers: 1, bytes: 4000 });
    expect((await backend.read(y, 'float32', 1000)).length).toBe(1000);
    backend.release(y);
    await backend.sync();
    expect(backend.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('offers fused softmax kernels only when asked', async () => {
    expect(createQueuedBackend().fusedKernels).toBeUndefined();
    const backend = createQueuedBackend({ fused: true });
    const x = backend.upload(Float32Array.from([1, 2, 3, 1, 1, 1]), 'float32');
    const y = backend.fusedKernels!.softmax!([input(x, [2, 3])], { axis: 1 }, { shape: [2, 3], dtype: 'float32' });
    const values = Array.from(await backend.read(y, 'float32', 6));
    const e = [1, 2, 3].map(Math.exp);
    const total = e[0] + e[1] + e[2];
    e.forEach((v, i) => expect(values[i]).toBeCloseTo(v / total, 6));
    values.slice(3).forEach((v) => expect(v).toBeCloseTo(1 / 3, 6));
  });
});
