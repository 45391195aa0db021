import { describe, expect, it } from 'vitest';
import { registerBackend, setBackend, tensor, zeros } from '@neurite/tensor';
import { KernelDataError, type KernelInput } from '@neurite/backend';
import { createWebGpuBackend, type WebGpuBackend } from './index.js';

/**
 * Faults of the GPU itself, each ending in a clear error on the next op, read or sync: never a hang,
 * never an aborted process, and the backend usable again afterwards. These need a real device; the
 * test set-up has made sure one can start here (or failed the run in CI).
 */

const input = (dataId: object, shape: number[]): KernelInput => ({ dataId, shape, dtype: 'float32' });

async function started(): Promise<WebGpuBackend> {
  const backend = createWebGpuBackend({ name: 'webgpu-faults' });
  await backend.initialize();
  return backend;
}

describe('WebGPU faults', () => {
  it('a lost device fails the next read, op and sync by name, and initialize() starts a new one', async () => {
    const backend = await started();
    const x = backend.upload(Float32Array.from([1, 2, 3]), 'float32');
    const y = backend.kernels.neg([input(x, [3])], {}, { shape: [3], dtype: 'float32' });
    backend.device!.destroy();
    await expect(backend.read(y, 'float32', 3)).rejects.toThrow(/^webgpu: the GPU device was lost \(destroyed.*\)\. Its tensors are gone; await setBackend\('webgpu-faults'\) to start a new device/);
    expect(() => backend.kernels.neg([input(x, [3])], {}, { shape: [3], dtype: 'float32' })).toThrow(/^neg: webgpu: the GPU device was lost/);
    await expect(backend.sync()).rejects.toThrow(/^sync: webgpu: the GPU device was lost/);
    backend.release(x); // releasing a tensor of the lost device is harmless

    await backend.initialize();
    const z = backend.upload(Float32Array.from([4, 5]), 'float32');
    expect(Array.from(await backend.read(backend.kernels.neg([input(z, [2])], {}, { shape: [2], dtype: 'float32' }), 'float32', 2))).toEqual([-4, -5]);
    // A tensor of the lost device is refused by name, and nothing is allocated for the refused call.
    const before = backend.memory().buffers;
    expect(() => backend.kernels.neg([input(y, [3])], {}, { shape: [3], dtype: 'float32' })).toThrow("neg: this tensor lived on a WebGPU device that was lost; make it again after setBackend('webgpu-faults')");
    expect(backend.memory().buffers).toBe(before);
    backend.dispose();
  });

  it('after a device loss, setBackend starts a new device and tensor code goes on', async () => {
    registerBackend('webgpu-faults-front', () => createWebGpuBackend({ name: 'webgpu-faults-front' }));
    const backend = (await setBackend('webgpu-faults-front')) as WebGpuBackend;
    const a = tensor([1, 2, 3]);
    backend.device!.destroy();
    await expect(a.data()).rejects.toThrow(/device was lost/);
    expect(() => a.mul(2)).toThrow(/device was lost/);
    await setBackend('webgpu-faults-front');
    expect(Array.from(await tensor([1, 2, 3]).mul(2).data())).toEqual([2, 4, 6]);
    expect(() => a.add(1)).toThrow(/add: this tensor lived on a WebGPU device that was lost/);
    await setBackend('cpu');
    backend.dispose();
  });

  it('a tensor larger than the device binds is refused at once, naming its size and the limit', async () => {
    const backend = await started();
    const limit = Math.min(backend.device!.limits.maxStorageBufferBindingSize, backend.device!.limits.maxBufferSize);
    const elements = Math.floor(limit / 4) + 1;
    expect(() => backend.fill(elements, 0, 'float32')).toThrow(
      `fill: a float32 tensor of ${elements} elements takes ${elements * 4} bytes, and this WebGPU device binds at most ${limit} bytes per buffer (maxStorageBufferBindingSize); split the work into smaller tensors`,
    );
    // The backend goes on.
    const x = backend.fill(4, 2, 'float32');
    expect(Array.from(await backend.read(x, 'float32', 4))).toEqual([2, 2, 2, 2]);
    backend.dispose();
  });

  it('a shader that does not compile fails the next sync with the compiler message, and only its own dispatch', async () => {
    const backend = await started();
    backend.registerKernel('test.broken', {
      webgpu: {
        wgsl: () => '@group(0) @binding(0) var<storage, read> x: array<f32>;\n@compute @workgroup_size(64) fn main() { let y: f32 = undefinedName; }',
        cacheKey: () => 'broken',
        workgroups: () => [1, 1, 1],
      },
    });
    const x = backend.upload(Float32Array.from([1, 2]), 'float32');
    const before = backend.kernels.neg([input(x, [2])], {}, { shape: [2], dtype: 'float32' });
    const broken = backend.extensionKernel('test.broken')!([input(x, [2])], undefined as never, { shape: [2], dtype: 'float32' });
    const after = backend.kernels.neg([input(before, [2])], {}, { shape: [2], dtype: 'float32' });
    await expect(backend.sync()).rejects.toThrow(/^webgpu: the shader of 'test\.broken' does not compile: .*undefinedName/);
    // The dispatches recorded with it ran.
    expect(Array.from(await backend.read(after, 'float32', 2))).toEqual([1, 2]);
    await expect(backend.sync()).resolves.toBeUndefined();
    for (const id of [x, before, broken, after]) backend.release(id);
    backend.dispose();
  });

  it('an index out of range on the GPU reaches the user in the op\'s words at the next read', async () => {
    const backend = await started();
    const x = backend.upload(Float32Array.from([1, 2, 3]), 'float32');
    const index = backend.upload(Int32Array.from([0, -4]), 'int32');
    const gathered = backend.kernels.gather([input(x, [3]), { dataId: index, shape: [2], dtype: 'int32' }], { axis: 0, label: { op: 'embedding', what: 'index', range: 'embeddings' } }, { shape: [2], dtype: 'float32' });
    const error = await backend.read(gathered, 'float32', 2).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KernelDataError);
    expect((error as Error).message).toBe('embedding: index -4 is out of range for 3 embeddings');
    backend.dispose();
  });
});

describe('WebGPU in tensor code', () => {
  it('zeros larger than the device allows names the size and the limit', async () => {
    registerBackend('webgpu-faults-size', () => createWebGpuBackend({ name: 'webgpu-faults-size' }));
    const backend = (await setBackend('webgpu-faults-size')) as WebGpuBackend;
    const limit = Math.min(backend.device!.limits.maxStorageBufferBindingSize, backend.device!.limits.maxBufferSize);
    expect(() => zeros([Math.floor(limit / 4) + 1])).toThrow(/fill: a float32 tensor of \d+ elements takes \d+ bytes, and this WebGPU device binds at most \d+ bytes per buffer/);
    await setBackend('cpu');
    backend.dispose();
  });
});
