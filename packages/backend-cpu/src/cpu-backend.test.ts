import { describe, expect, it } from 'vitest';
import { KERNEL_PRIMITIVES, KernelDataError, type CpuKernelFunction, type ExtensionKernel, type PluginKernels } from '@neurite/backend';
import { CpuBackend, createCpuBackend } from './index.js';

describe('CpuBackend', () => {
  it('describes itself', async () => {
    const backend = createCpuBackend();
    expect(backend).toBeInstanceOf(CpuBackend);
    expect(backend.name).toBe('cpu');
    expect(backend.capabilities).toEqual({ synchronousRead: true });
    expect(backend.kernelForm).toBe('cpu');
    expect(backend.bytesPerElement('bool')).toBe(1);
    expect(backend.bytesPerElement('int32')).toBe(4);
    await expect(backend.sync()).resolves.toBeUndefined();
    await expect(backend.initialize()).resolves.toBeUndefined();
  });

  it('has a kernel for every primitive', () => {
    const backend = createCpuBackend();
    for (const primitive of KERNEL_PRIMITIVES) expect(typeof backend.kernels[primitive], primitive).toBe('function');
    expect(Object.keys(backend.kernels).sort()).toEqual([...KERNEL_PRIMITIVES].sort());
  });

  it('copies on upload and on read', async () => {
    const backend = createCpuBackend();
    const source = new Float32Array([1, 2, 3]);
    const dataId = backend.upload(source, 'float32');
    source[0] = 99;
    const first = backend.readSync(dataId, 'float32', 3);
    expect(Array.from(first)).toEqual([1, 2, 3]);
    first[1] = 99;
    expect(Array.from(await backend.read(dataId, 'float32', 3))).toEqual([1, 2, 3]);
  });

  it('takes exactly the typed array of the dtype on upload, and keeps bools 0/1', () => {
    const backend = createCpuBackend();
    expect(() => backend.upload(new Float32Array([1.7, -2.5]), 'int32')).toThrow('upload: int32 values must be a Int32Array, got Float32Array');
    expect(() => backend.upload(new Int32Array([1]), 'bool')).toThrow('upload: bool values must be a Uint8Array, got Int32Array');
    expect(() => backend.upload([1, 2] as unknown as Float32Array, 'float32')).toThrow('upload: float32 values must be a Float32Array, got object');
    expect(Array.from(backend.readSync(backend.upload(new Uint8Array([0, 2, 255]), 'bool'), 'bool', 3))).toEqual([0, 1, 1]);
  });

  it('fills', () => {
    const backend = createCpuBackend();
    expect(Array.from(backend.readSync(backend.fill(3, 2.5, 'float32'), 'float32', 3))).toEqual([2.5, 2.5, 2.5]);
    expect(Array.from(backend.readSync(backend.fill(2, 7, 'int32'), 'int32', 2))).toEqual([7, 7]);
    expect(Array.from(backend.readSync(backend.fill(2, 3, 'bool'), 'bool', 2))).toEqual([1, 1]);
    expect(backend.readSync(backend.fill(0, 1, 'float32'), 'float32', 0).length).toBe(0);
  });

  it('counts buffers and bytes, and refuses a second release', () => {
    const backend = createCpuBackend();
    const floats = backend.upload(new Float32Array(10), 'float32');
    const bools = backend.fill(3, 1, 'bool');
    expect(backend.memory()).toEqual({ buffers: 2, bytes: 43 });
    const output = backend.kernels.neg([{ dataId: floats, shape: [10], dtype: 'float32' }], {}, { shape: [10], dtype: 'float32' });
    expect(backend.memory()).toEqual({ buffers: 3, bytes: 83 });
    backend.release(floats);
    backend.release(output);
    backend.release(bools);
    expect(backend.memory()).toEqual({ buffers: 0, bytes: 0 });
    expect(() => backend.release(floats)).toThrow(/already been released/);
    expect(() => backend.readSync(floats, 'float32', 10)).toThrow(/readSync: the buffer has already been released/);
    expect(() => backend.kernels.abs([{ dataId: floats, shape: [10], dtype: 'float32' }], {}, { shape: [10], dtype: 'float32' })).toThrow(
      /abs: the buffer has already been released/,
    );
  });

  it('rejects foreign data ids and mismatched reads', async () => {
    const backend = createCpuBackend();
    expect(() => backend.release({})).toThrow(/not a buffer of backend 'cpu'/);
    const dataId = backend.upload(new Int32Array([1, 2]), 'int32');
    expect(() => backend.readSync(dataId, 'float32', 2)).toThrow(/Int32Array values, not float32/);
    expect(() => backend.readSync(dataId, 'int32', 3)).toThrow(/2 elements, not 3/);
    await expect(backend.read(dataId, 'bool', 2)).rejects.toThrow(/not bool/);
  });

  it('runs a plugin CPU kernel as a pure function, per instance', () => {
    const first = createCpuBackend();
    const second = createCpuBackend();
    const scale: CpuKernelFunction<{ factor: number }> = ([input], { factor }, output) => {
      for (let i = 0; i < output.values.length; i++) output.values[i] = input.values[i] * factor;
    };
    const kernels: PluginKernels<{ factor: number }> = { cpu: scale };
    first.registerKernel('scale', kernels);
    first.registerKernel('scale', kernels); // the same definition again: nothing happens
    expect(second.extensionKernel('scale')).toBeUndefined();
    expect(() => first.registerKernel('scale', { cpu: scale })).toThrow(/already has a different kernel named 'scale'/);
    expect(() => first.registerKernel('gpu-only', { webgpu: { wgsl: () => '', cacheKey: () => '', workgroups: () => [1, 1, 1] } })).toThrow(
      "registerKernel: 'gpu-only' has no cpu kernel, which backend 'cpu' runs (it gives: webgpu)",
    );
    const kernel = first.extensionKernel('scale') as unknown as ExtensionKernel<{ factor: number }>;
    const input = first.upload(new Float32Array([1, 2]), 'float32');
    const result = kernel([{ dataId: input, shape: [2], dtype: 'float32' }], { factor: 3 }, { shape: [2], dtype: 'float32' });
    expect(Array.from(first.readSync(result, 'float32', 2))).toEqual([3, 6]);
  });

  it('throws a data error from the kernel call itself', () => {
    const backend = createCpuBackend();
    const x = backend.upload(new Float32Array([1, 2, 3]), 'float32');
    const index = backend.upload(new Int32Array([0, 3]), 'int32');
    const call = () =>
      backend.kernels.gather([{ dataId: x, shape: [3], dtype: 'float32' }, { dataId: index, shape: [2], dtype: 'int32' }], { axis: 0, label: { op: 'embedding', what: 'index', range: 'embeddings' } }, { shape: [2], dtype: 'float32' });
    expect(call).toThrow(KernelDataError);
    expect(call).toThrow('embedding: index 3 is out of range for 3 embeddings');
  });

  it('refuses new buffers once disposed but still reads old ones', () => {
    const backend = createCpuBackend();
    const dataId = backend.upload(new Float32Array([4]), 'float32');
    backend.dispose();
    expect(() => backend.upload(new Float32Array([1]), 'float32')).toThrow(/disposed/);
    expect(Array.from(backend.readSync(dataId, 'float32', 1))).toEqual([4]);
  });
});
