import { describe, expect, it } from 'vitest';
import type { Backend, DataId, KernelInput } from '@neurite/backend';
import { defineOp, gradcheck, tensor, randn, tidy, getBackend, type Tensor } from './index.js';

/** A plugin's op, written as a plugin author would: x ↦ x³ with a CPU kernel and its gradient. */
const cube = defineOp<{ readonly scale: number }>({
  name: 'test.scaledCube',
  output([x], { scale }) {
    if (x.dtype !== 'float32') throw new Error(`test.scaledCube: expected float32, got ${x.dtype}`);
    if (!Number.isFinite(scale)) throw new Error(`test.scaledCube: scale must be finite, got ${scale}`);
    return { shape: x.shape, dtype: 'float32' };
  },
  kernels: {
    // Any backend that reads synchronously can run this one through the public Backend contract.
    cpu: (backend: Backend) => ([x]: readonly KernelInput[], { scale }): DataId => {
      const values = backend.readSync(x.dataId, x.dtype, x.shape.reduce((a, b) => a * b, 1)) as Float32Array;
      return backend.upload(values.map((v) => scale * v * v * v), 'float32');
    },
  },
  backward: ({ grad, inputs: [x], attributes: { scale } }) => [grad.mul(x.square().mul(3 * scale))],
});

describe('defineOp (plugin ops)', () => {
  it('runs its kernel and differentiates through its own rule', async () => {
    const x = tensor([1, -2, 0.5]);
    expect(Array.from(cube([x], { scale: 2 }).dataSync())).toEqual([2, -16, 0.25]);
    await expect(gradcheck((a: Tensor) => cube([a.tanh()], { scale: 0.5 }).sum(), [randn([3, 2])])).resolves.toBe(true);
    const y = tensor([2]);
    y.requiresGrad = true;
    tidy(() => cube([y], { scale: 1 }).sum().backward());
    expect(y.grad!.arraySync()).toEqual([12]);
  });

  it('registers its kernel on the backend instance once, at first use', () => {
    const backend = getBackend();
    cube([tensor([1])], { scale: 1 });
    expect(backend.extensionKernel('test.scaledCube')).toBeTypeOf('function');
  });

  it('validates through its definition and names a backend it has no kernel for', () => {
    expect(() => cube([tensor([1], [1], 'int32')], { scale: 1 })).toThrow('test.scaledCube: expected float32, got int32');
    const gpuOnly = defineOp<Record<string, never>>({ name: 'test.gpuOnly', output: ([x]) => ({ shape: x.shape, dtype: x.dtype }), kernels: { webgpu: () => () => ({}) } });
    expect(() => gpuOnly([tensor([1])], {})).toThrow("test.gpuOnly: no kernel for the 'cpu' backend (this op has kernels for: webgpu)");
  });

  it('an op without a gradient says so at backward time', () => {
    const noGrad = defineOp<Record<string, never>>({
      name: 'test.identityNoGrad',
      output: ([x]) => ({ shape: x.shape, dtype: x.dtype }),
      kernels: { cpu: (backend) => ([x]) => backend.upload(backend.readSync(x.dataId, x.dtype, x.shape.reduce((a, b) => a * b, 1)), x.dtype) },
    });
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    expect(() => noGrad([x], {}).sum().backward()).toThrow("backward: the op 'test.identityNoGrad' has no gradient");
  });
});
