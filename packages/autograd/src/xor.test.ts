import { describe, expect, it } from 'vitest';
import { tensor, randn, zeros, tidy, memory, manualSeed, noGrad, type Tensor } from '@neurite/tensor';

/** A two-layer perceptron on XOR with raw tensors and autograd, SGD by hand. */
describe('XOR with a two-layer perceptron', () => {
  it('converges, at the same number of live tensors after every step', async () => {
    manualSeed(42);
    const inputs = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const targets = tensor([[0], [1], [1], [0]]);
    let params: Tensor[] = [randn([2, 8]).mul(0.8), zeros([8]), randn([8, 1]).mul(0.8), zeros([1])];
    for (const p of params) p.requiresGrad = true;
    const counts: number[] = [];
    let loss = Infinity;
    for (let step = 0; step < 600; step++) {
      const lossValue = tidy(() => {
        const [w1, b1, w2, b2] = params;
        const hidden = inputs.matmul(w1).add(b1).tanh();
        const prediction = hidden.matmul(w2).add(b2).sigmoid();
        const l = prediction.sub(targets).square().mean();
        l.backward();
        return l;
      });
      // Plain SGD: new parameter tensors replace the old (tensors are immutable).
      params = noGrad(() =>
        params.map((p) => {
          const next = tidy(() => p.sub(p.grad!.mul(2)));
          p.dispose();
          next.requiresGrad = true;
          return next;
        }),
      );
      loss = lossValue.dataSync()[0];
      lossValue.dispose();
      counts.push(memory().tensors);
    }
    expect(loss).toBeLessThan(0.01);
    expect(new Set(counts.slice(1)).size).toBe(1);
    const predictions = noGrad(() => {
      const [w1, b1, w2, b2] = params;
      return inputs.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
    });
    expect(Array.from(await predictions.data()).map(Math.round)).toEqual([0, 1, 1, 0]);
  });
});
