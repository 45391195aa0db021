import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '@neurite/tensor/testing';
import { tensor, randn, zeros, tidy, memory, manualSeed, noGrad, type Tensor } from '@neurite/tensor';

/** A two-layer perceptron on XOR with raw tensors and autograd, SGD by hand. */
describeEachBackend({ describe, beforeAll, afterAll }, 'XOR with a two-layer perceptron', () => {
  it('converges, at the same number of live tensors after every step', async () => {
    manualSeed(42);
    const inputs = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const targets = tensor([[0], [1], [1], [0]]);
    let params: Tensor[] = tidy(() => [randn([2, 8]).mul(0.8), zeros([8]), randn([8, 1]).mul(0.8), zeros([1])]);
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
      loss = (await lossValue.data())[0];
      lossValue.dispose();
      counts.push(memory().tensors);
    }
    expect(loss).toBeLessThan(0.01);
    // Flat: no step ends with more live tensors than the first. Where reads wait for a timer (queued
    // backends), the FinalizationRegistry may free earlier, unreachable garbage between steps, which
    // can only lower the count.
    const steady = counts.slice(1);
    expect(Math.max(...steady)).toBe(steady[0]);
    expect(steady.at(-1)).toBe(Math.min(...steady));
    const predictions = noGrad(() => {
      const [w1, b1, w2, b2] = params;
      return inputs.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
    });
    expect(Array.from(await predictions.data()).map(Math.round)).toEqual([0, 1, 1, 0]);
    // Leave nothing to the garbage collector: its finalizers would move the next run's counts.
    for (const t of [inputs, targets, predictions, ...params]) t.dispose();
  });
});
