import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, tidy, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import { Adam } from '@neurite/optim';
import * as cnn from './index.js';

/**
 * A small CNN learns: the whole training path (conv, pooling, their backward passes, an optimizer
 * updating the parameters in place) composes on every backend, with reads asynchronous only.
 */
describeEachBackend({ describe, beforeAll, afterAll }, 'a small CNN trains', () => {
  it('Adam steps bring the loss on a fixed batch well below where it started', async () => {
    manualSeed(42);
    const model = new nn.Sequential(new cnn.Conv2d(1, 4, 3, { padding: 1 }), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(4 * 4 * 4, 3));
    const inputs = randn([12, 1, 8, 8]);
    const labels = tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], [12], 'int32');
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const lossOf = (): Tensor => nn.functional.crossEntropy(model.forward(inputs), labels);

    const initial = tidy(lossOf);
    const initialLoss = await initial.item();
    initial.dispose();
    for (let step = 0; step < 8; step++) {
      optimizer.zeroGrad();
      tidy(() => lossOf().backward());
      optimizer.step();
    }
    const final = tidy(lossOf);
    const finalLoss = await final.item();
    final.dispose();

    expect(Number.isFinite(initialLoss)).toBe(true);
    // Random labels on random inputs: only fitting the batch can bring the loss down this far.
    expect(finalLoss).toBeLessThan(initialLoss * 0.5);
    model.dispose();
    inputs.dispose();
    labels.dispose();
  });
});
