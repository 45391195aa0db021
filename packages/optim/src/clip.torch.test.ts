import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, memory, tensor, tidy, zeros } from '@neurite/tensor';
import { describeEachBackend, expectClose } from '@neurite/tensor/testing';
import { clipGradNorm, clipGradValue } from './clip.js';
import { ATOL, RTOL, fixtures, fromFlat } from './testing/fixtures.js';

/**
 * Gradient clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_, on every backend
 * under test: clipping must work without reading gradients back, and the tests read asynchronously.
 */

/** Two parameters with the fixture's gradients and a third with none (it must be skipped). */
function withGrads(): Tensor[] {
  const params = fixtures.clip.grads.map((grad) => {
    const param = zeros(grad.shape);
    param.requiresGrad = true;
    param.grad = fromFlat(grad);
    return param;
  });
  const noGrad = tensor([0, 0]);
  noGrad.requiresGrad = true;
  return [...params, noGrad];
}

async function gradValues(params: Tensor[]): Promise<number[][]> {
  return Promise.all(params.slice(0, 2).map(async (param) => Array.from(await param.grad!.data())));
}

describeEachBackend({ describe, beforeAll, afterAll }, 'clipGradNorm', () => {
  for (const testCase of fixtures.clip.cases.filter((c) => c.kind === 'norm')) {
    it(`maxNorm ${testCase.maxNorm}, normType ${testCase.normType}`, async () => {
      const params = withGrads();
      const normType = testCase.normType === 'inf' ? Infinity : testCase.normType;
      const total = clipGradNorm(params, testCase.maxNorm!, { normType });
      expectClose([await total.item()], [testCase.total!], 'total norm', ATOL, RTOL);
      const grads = await gradValues(params);
      grads.forEach((grad, i) => expectClose(grad, testCase.grads[i], `grad ${i}`, ATOL, RTOL));
      expect(params[2].grad).toBeNull();
      total.dispose();
    });
  }

  it('returns a zero norm when no parameter has a gradient, and accepts one tensor or any iterable', async () => {
    const param = tensor([3, 4]);
    param.requiresGrad = true;
    const none = clipGradNorm([param], 1);
    expect(await none.item()).toBe(0);
    param.grad = tensor([3, 4]);
    const total = clipGradNorm(param, 1);
    expect(await total.item()).toBeCloseTo(5, 5);
    expectClose(await param.grad.data(), [0.6, 0.8], 'clipped', ATOL, RTOL);
    const fromGenerator = clipGradNorm((function* () { yield param; })(), 0.5);
    expectClose(await param.grad.data(), [0.3, 0.4], 'clipped again', ATOL, RTOL);
    [none, total, fromGenerator].forEach((t) => t.dispose());
  });

  it('leaves nothing behind but the norm it returns', () => {
    const params = withGrads();
    const before = memory().tensors;
    const total = clipGradNorm(params, 1);
    expect(memory().tensors).toBe(before + 1);
    total.dispose();
    tidy(() => clipGradValue(params, 0.1));
    expect(memory().tensors).toBe(before);
  });

  it('rejects bad arguments', () => {
    expect(() => clipGradNorm(withGrads(), -1)).toThrow('clipGradNorm: invalid maxNorm -1; expected a number >= 0');
    expect(() => clipGradNorm(withGrads(), 1, { normType: 0 })).toThrow('clipGradNorm: invalid normType 0');
    expect(() => clipGradNorm([1 as unknown as Tensor], 1)).toThrow('clipGradNorm: parameter 0 is not a Tensor');
    expect(() => clipGradValue(withGrads(), Number.NaN)).toThrow('clipGradValue: invalid clipValue NaN');
  });
});

describeEachBackend({ describe, beforeAll, afterAll }, 'clipGradValue', () => {
  it('clamps every gradient as PyTorch', async () => {
    const testCase = fixtures.clip.cases.find((c) => c.kind === 'value')!;
    const params = withGrads();
    clipGradValue(params, testCase.clipValue!);
    const grads = await gradValues(params);
    grads.forEach((grad, i) => expectClose(grad, testCase.grads[i], `grad ${i}`, ATOL, RTOL));
    expect(params[2].grad).toBeNull();
  });
});
