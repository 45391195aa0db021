import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ones, randn, registerBackend, setBackend, tensor } from '@neurite/tensor';
import { createWebGpuBackend, type WebGpuBackend } from './index.js';
import { BufferPool, bucketSize } from './runtime/buffer-pool.js';

/** The runtime's promises: one pipeline per kind, cached scalars, when pooled buffers may be reused, big grids. */
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

  it('hands a released buffer to the next kernel output at once, and to an upload only once its batch completed', () => {
    const device = backend.device!;
    const pool = new BufferPool((size) => device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }), 1 << 20);
    const first = pool.acquire(1000, 'any');
    expect(first.size).toBe(bucketSize(1000));
    pool.release(first, 7); // released while batch 7 is being recorded
    expect(pool.acquire(1000, 'completed')).not.toBe(first); // writeBuffer would run ahead of batch 7
    const output = pool.acquire(1000, 'any');
    expect(output).toBe(first); // a dispatch recorded after the release runs after batch 7's reads
    pool.release(output, 7);
    pool.completed(6);
    expect(pool.acquire(1000, 'completed')).not.toBe(first);
    pool.completed(7);
    expect(pool.acquire(1000, 'completed')).toBe(first);
    pool.destroy();
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
