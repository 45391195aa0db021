import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineOp, gradcheck, randn, tensor, tidy, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import { Softplus, softplus, softplusDefinition, softplusPlugin, softplusWebGpu } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'the softplus plugin', () => {
  it('computes softplus, linear above the threshold', async () => {
    const y = softplus(tensor([-2, 0, 1, 30]), 1, 20);
    const expected = [Math.log1p(Math.exp(-2)), Math.log(2), Math.log1p(Math.E), 30];
    Array.from(await y.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('has the right gradient (gradcheck)', async () => {
    await expect(gradcheck((x) => softplus(x, 2, 3), [randn([3, 4])])).resolves.toBe(true);
  });

  it('trains inside a model, and saves and loads with the plugin', async () => {
    const model = new nn.Sequential(new nn.Linear(2, 4), new Softplus(1.5), new nn.Linear(4, 1));
    tidy(() => model.forward(randn([5, 2])).sum().backward());
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    const loaded = nn.loadModel(await nn.saveModel(model), { plugins: [softplusPlugin] }) as nn.Sequential;
    const x = randn([2, 2]);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
  });
});

describe('the softplus composite', () => {
  // The same op with only its WebGPU form and the composite: the CPU backend runs the composite.
  const compositeOnly = defineOp({ ...softplusDefinition, name: 'example.softplusCompositeOnly', kernels: { webgpu: softplusWebGpu } });

  it('agrees with the CPU kernel, and its gradient is the op rule', async () => {
    const x = tensor([-3, -0.5, 0, 0.7, 2, 25]);
    const fromKernel = await softplus(x, 1.5, 20).data();
    const fromComposite = await compositeOnly([x], { beta: 1.5, threshold: 20 }).data();
    Array.from(fromComposite).forEach((v, i) => expect(v).toBeCloseTo(fromKernel[i], 6));
    await expect(gradcheck((a: Tensor) => compositeOnly([a], { beta: 2, threshold: 3 }), [randn([3, 4])])).resolves.toBe(true);
  });

  it('ships a WGSL form whose bindings and dispatch follow the contract', () => {
    const call = { inputs: [{ shape: [3, 50], dtype: 'float32' as const }], output: { shape: [3, 50], dtype: 'float32' as const }, attributes: { beta: 2, threshold: 20 } };
    const source = softplusWebGpu.wgsl(call);
    expect(source).toMatch(/@binding\(0\) var<storage, read> x/);
    expect(source).toMatch(/@binding\(1\) var<storage, read_write> out/);
    expect(source).toMatch(/@binding\(2\) var<uniform>/);
    expect(softplusWebGpu.workgroups(call)).toEqual([3, 1, 1]);
    const uniforms = softplusWebGpu.uniforms!(call);
    expect(new Uint32Array(uniforms.buffer)[0]).toBe(150);
    expect(Array.from(uniforms.slice(1, 3))).toEqual([2, 20]);
  });
});
