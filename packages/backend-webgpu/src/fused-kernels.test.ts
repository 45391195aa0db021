import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, gradcheck, logSoftmax, logSoftmaxComposite, randn, registerBackend, setBackend, softmax, softmaxComposite, tensor, type Tensor } from '@neurite/tensor';
import { expectClose } from '@neurite/tensor/testing';
import { createWebGpuBackend } from './index.js';

/**
 * softmax and logSoftmax run as one WebGPU kernel each; they must give what their compositions from
 * primitives give (on the same backend), values and gradients, along any axis, for rows shorter and
 * longer than a workgroup, and with -Infinity (a masked score) in a row.
 */
describe('WebGPU fused softmax and logSoftmax', () => {
  beforeAll(async () => {
    registerBackend('webgpu-fused', () => createWebGpuBackend({ name: 'webgpu-fused' }));
    await setBackend('webgpu-fused');
  });
  afterAll(async () => {
    await setBackend('cpu');
  });

  it('the backend offers both', () => {
    expect(Object.keys(getBackend().fusedKernels ?? {}).sort()).toEqual(['logSoftmax', 'softmax']);
  });

  for (const [name, op, composite] of [['softmax', softmax, softmaxComposite], ['logSoftmax', logSoftmax, logSoftmaxComposite]] as const) {
    it(`${name} follows its composition along every axis, short and long rows`, async () => {
      for (const [shape, axis] of [[[3, 4, 5], 0], [[3, 4, 5], 1], [[3, 4, 5], 2], [[2, 300], 1], [[130, 3], 0]] as const) {
        const x = randn([...shape]).mul(4);
        expectClose(await op(x, axis).data(), Array.from(await composite(x, axis).data()), `${name} ${shape} axis ${axis}`, 1e-6, 1e-5);
      }
    });

    it(`${name} gives masked (-Infinity) scores no weight, as its composition does`, async () => {
      const x = tensor([[0.5, -Infinity, 2, -Infinity], [1, 1, 1, 1]]);
      expectClose(await op(x, 1).data(), Array.from(await composite(x, 1).data()), `${name} masked`, 1e-6, 1e-5);
    });

    it(`${name} has its composition's gradient (gradcheck through the fused kernel)`, async () => {
      // No .sum() on the GPU: a float32 sum of the output would add its rounding to the finite
      // differences (gradcheck projects the output in double precision itself).
      await expect(gradcheck((a: Tensor) => op(a, 1).mul(a), [randn([2, 7, 3])])).resolves.toBe(true);
    });
  }
});
