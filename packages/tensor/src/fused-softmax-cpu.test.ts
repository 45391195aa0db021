import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@neurite/backend-cpu';
import { gradcheck, logSoftmax, logSoftmaxComposite, randn, registerBackend, setBackend, softmax, softmaxComposite, tensor, getBackend, type Tensor } from './index.js';
import { expectClose } from './testing/index.js';

/**
 * The CPU backend runs softmax and logSoftmax as one pass per row (on both kernel paths); they must
 * give what their compositions from primitives give, values and gradients, along any axis, with
 * -Infinity (a masked score) in a row.
 */
describe.each(['auto', 'typescript'] as const)('CPU fused softmax and logSoftmax (%s kernels)', (kernels) => {
  it('the backend offers both, and they follow their compositions', async () => {
    const name = `cpu-fused-${kernels}`;
    registerBackend(name, () => createCpuBackend({ name, kernels }));
    await setBackend(name);
    try {
      expect(Object.keys(getBackend().fusedKernels ?? {}).sort()).toEqual(['logSoftmax', 'softmax']);
      for (const [label, op, composite] of [['softmax', softmax, softmaxComposite], ['logSoftmax', logSoftmax, logSoftmaxComposite]] as const) {
        for (const [shape, axis] of [[[3, 4, 5], 0], [[3, 4, 5], 1], [[3, 4, 5], 2], [[2, 300], 1], [[130, 3], 0]] as const) {
          const x = randn([...shape]).mul(4);
          expectClose(await op(x, axis).data(), Array.from(await composite(x, axis).data()), `${label} ${shape} axis ${axis}`, 1e-6, 1e-5);
        }
        const masked = tensor([[0.5, -Infinity, 2, -Infinity], [1, 1, 1, 1]]);
        expectClose(await op(masked, 1).data(), Array.from(await composite(masked, 1).data()), `${label} masked`, 1e-6, 1e-5);
        await expect(gradcheck((a: Tensor) => op(a, 1).mul(a), [randn([2, 7, 3])])).resolves.toBe(true);
      }
    } finally {
      await setBackend('cpu');
    }
  });
});
