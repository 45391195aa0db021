import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ones, randn, registerBackend, setBackend, tensor } from '@neurite/tensor';
import { createWebGpuBackend, type WebGpuBackend } from './index.js';

/** The runtime's promises, observed through the backend: pipelines, scalars, pooled buffers, big grids. */
describe('WebGPU runtime', () => {
  let backend: WebGpuBackend;
  beforeAll(async () => {
    registerBackend('webgpu-runtime', () => createWebGpuBackend({ name: 'webgpu-runtime' }));
    backend = (await setBackend('webgpu-runtime')) as WebGpuBackend;
  });
  afterAll(async () => {
    await setBackend('cpu');
    backend.dispose();
  });

  it('compiles one pipeline per kind of kernel, whatever the shapes', async () => {
    await randn([3, 4]).exp().data();
    const compiled = backend.pipelineCount;
    for (const shape of [[7], [2, 9], [5, 1, 3]]) await randn(shape).exp().data();
    // Contiguous elementwise kernels do not depend on the rank: shapes travel in uniforms.
    expect(backend.pipelineCount).toBe(compiled);
  });

  it('keeps each scalar constant on the GPU once, shared by every op that uses it', async () => {
    await backend.sync();
    const before = backend.memory().pool;
    for (let i = 0; i < 10; i++) backend.release(backend.fill(1, 0.123, 'float32'));
    await backend.sync();
    // One cached constant (16 bytes) whatever the number of uses; no other buffer was made.
    expect(backend.memory().pool).toEqual({ buffers: before.buffers + 1, bytes: before.bytes + 16 });
    expect(Array.from(await tensor([1, 2]).mul(0.123).data())).toEqual([0.123, 0.246].map(Math.fround));
  });

  it('reuses a released buffer for the next op at once: x.mul(0.5) in a loop needs one', async () => {
    const x = ones([64]);
    const burst = async () => {
      for (let i = 0; i < 20; i++) x.mul(0.5).dispose();
      await backend.sync();
      return backend.memory().pool.buffers;
    };
    await burst(); // the first also made x (a fill): its batch's uniforms take another size
    const second = await burst();
    // Each product reuses the buffer the one before it released, and the 0.5 is the cached one:
    // a third burst needs no buffer the second did not already make.
    expect(await burst()).toBe(second);
    expect(backend.memory().pool.buffers).toBeLessThan(20);
    expect(Array.from(await x.mul(0.5).data()).every((v) => v === 0.5)).toBe(true);
  });

  it('folds a grid larger than one dimension allows (5 million elements) and gets every element', async () => {
    const size = 5_000_000; // 78,125 workgroups of 64: more than 65,535
    const x = ones([size]);
    const y = x.mul(3).add(tensor(1));
    const sum = await y.sum().data();
    expect(sum[0]).toBeCloseTo(4 * size, -2);
    const values = await y.data();
    expect(values[0]).toBe(4);
    expect(values[size - 1]).toBe(4);
  });
});
