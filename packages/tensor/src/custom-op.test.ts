import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CpuKernelFunction } from '@neurite/backend';
import { createQueuedBackend } from '@neurite/backend-cpu/testing';
import { defineOp, gradcheck, tensor, randn, tidy, getBackend, type Tensor } from './index.js';

/** x ↦ scale·x³ as a pure CPU function over typed arrays: the kernel form every CPU-kind backend runs. */
const scaledCube: CpuKernelFunction<{ readonly scale: number }> = ([x], { scale }, output) => {
  for (let i = 0; i < output.values.length; i++) output.values[i] = scale * x.values[i] ** 3;
};

/** A plugin's op, written as a plugin author would: x ↦ x³ with a CPU kernel and its gradient. */
const cube = defineOp<{ readonly scale: number }>({
  name: 'test.scaledCube',
  output([x], { scale }) {
    if (x.dtype !== 'float32') throw new Error(`test.scaledCube: expected float32, got ${x.dtype}`);
    if (!Number.isFinite(scale)) throw new Error(`test.scaledCube: scale must be finite, got ${scale}`);
    return { shape: x.shape, dtype: 'float32' };
  },
  kernels: { cpu: scaledCube },
  backward: ({ grad, inputs: [x], attributes: { scale } }) => [grad.mul(x.square().mul(3 * scale))],
});

describe('defineOp (plugin ops)', () => {
  it('runs its kernel and differentiates through its own rule', async () => {
    const x = tensor([1, -2, 0.5]);
    expect(Array.from(await cube([x], { scale: 2 }).data())).toEqual([2, -16, 0.25]);
    await expect(gradcheck((a: Tensor) => cube([a.tanh()], { scale: 0.5 }).sum(), [randn([3, 2])])).resolves.toBe(true);
    const y = tensor([2]);
    y.requiresGrad = true;
    tidy(() => cube([y], { scale: 1 }).sum().backward());
    expect(await y.grad!.array()).toEqual([12]);
  });

  it('registers its kernel on the backend instance once, at first use', () => {
    const backend = getBackend();
    cube([tensor([1])], { scale: 1 });
    expect(backend.extensionKernel('test.scaledCube')).toBeTypeOf('function');
  });

  it('validates through its definition and names the form a backend needs', () => {
    expect(() => cube([tensor([1], [1], 'int32')], { scale: 1 })).toThrow('test.scaledCube: expected float32, got int32');
    const gpuOnly = defineOp<Record<string, never>>({
      name: 'test.gpuOnly',
      output: ([x]) => ({ shape: x.shape, dtype: x.dtype }),
      kernels: { webgpu: { wgsl: () => '', cacheKey: () => 'gpuOnly', workgroups: () => [1, 1, 1] } },
    });
    expect(() => gpuOnly([tensor([1])], {})).toThrow("test.gpuOnly: no cpu kernel for the 'cpu' backend and no composite (this op has kernels for: webgpu)");
  });

  it('runs its composite where the backend has no kernel of its form, with the op own gradient', async () => {
    const softsign = defineOp<Record<string, never>>({
      name: 'test.softsignComposite',
      output: ([x]) => ({ shape: x.shape, dtype: x.dtype }),
      kernels: { webgpu: { wgsl: () => '', cacheKey: () => 'softsign', workgroups: () => [1, 1, 1] } },
      composite: ([x]) => x.div(x.abs().add(1)),
      backward: ({ grad, inputs: [x] }) => [grad.div(x.abs().add(1).square())],
    });
    const x = tensor([-3, 0, 1]);
    x.requiresGrad = true;
    const y = softsign([x], {});
    expect(Array.from(await y.data())).toEqual([-0.75, 0, 0.5]);
    expect(y.gradNode?.constructor.name).toBe('OpNode');
    tidy(() => y.sum().backward());
    expect(Array.from(await x.grad!.data())).toEqual([1 / 16, 1, 0.25]);
    await expect(gradcheck((a: Tensor) => softsign([a], {}).sum(), [randn([4])])).resolves.toBe(true);
  });

  it('refuses a second op under a name another op already registered on the backend', () => {
    const impostor = defineOp<{ readonly scale: number }>({ name: 'test.scaledCube', output: ([x]) => ({ shape: x.shape, dtype: 'float32' }), kernels: { cpu: scaledCube } });
    cube([tensor([1])], { scale: 1 });
    expect(() => impostor([tensor([1])], { scale: 1 })).toThrow("backend 'cpu' already has a different kernel named 'test.scaledCube' (two ops were defined with one name)");
  });

  it('an op without a gradient says so at backward time', () => {
    const noGrad = defineOp<Record<string, never>>({
      name: 'test.identityNoGrad',
      output: ([x]) => ({ shape: x.shape, dtype: x.dtype }),
      kernels: { cpu: ([x], _attributes, output) => output.values.set(x.values) },
    });
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    expect(() => noGrad([x], {}).sum().backward()).toThrow("backward: the op 'test.identityNoGrad' has no gradient");
  });
});

describe('defineOp on a queued backend', () => {
  const queued = createQueuedBackend({ name: 'queued-custom-op' });
  let previous = 'cpu';
  beforeAll(async () => {
    const { backends, setBackend } = await import('./index.js');
    previous = getBackend().name;
    backends.register(queued.name, () => queued);
    await setBackend(queued.name);
  });
  afterAll(async () => {
    const { setBackend } = await import('./index.js');
    await setBackend(previous);
  });

  it('runs the same CPU function from the queue, and its gradient', async () => {
    const x = tensor([1, -2]);
    x.requiresGrad = true;
    const y = cube([x], { scale: 1 });
    expect(x.backend).toBe(queued);
    expect(() => y.dataSync()).toThrow(/reads asynchronously/);
    expect(Array.from(await y.data())).toEqual([1, -8]);
    tidy(() => y.sum().backward());
    expect(Array.from(await x.grad!.data())).toEqual([3, 12]);
  });
});
