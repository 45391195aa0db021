import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueuedBackend } from '@neurite/backend-cpu/testing';
import { backendsUnderTest } from '@neurite/tensor/testing';
import { argmax, backends, data, eq, getBackend, manualSeed, nn, noGrad, optim, setBackend, tidy } from './index.js';

/**
 * The MNIST MLP trained for real on the queued test backend, where every kernel runs later (on a
 * timer, as a GPU's results arrive in a later task) and reads are asynchronous only: nothing from
 * the data loader through autograd to the optimizer may rely on work having run by the time a
 * call returns.
 */
describe.runIf(backendsUnderTest().includes('queued'))('MNIST MLP on the queued backend', () => {
  let previous = 'cpu';
  beforeAll(async () => {
    previous = getBackend().name;
    backends.register('queued-timer', () => createQueuedBackend({ name: 'queued-timer', schedule: 'timer' }));
    await setBackend('queued-timer');
  });
  afterAll(async () => {
    await setBackend(previous);
  });

  it('trains to over 85% on the held-out digits in two epochs on 4,000 of them', async () => {
    manualSeed(0);
    const { train, test } = await data.mnist();
    expect(train.tensors.input.backend.name).toBe('queued-timer');
    const subset = new data.Subset(train, Array.from({ length: 4000 }, (_, i) => i));
    const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 64), new nn.ReLU(), new nn.Linear(64, 10));
    const optimizer = new optim.Adam(model.parameters(), { lr: 2e-3 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      for await (const { input, target } of new data.DataLoader(subset, { batchSize: 32, shuffle: true })) {
        const loss = tidy(() => {
          const value = nn.functional.crossEntropy(model.forward(input), target);
          optimizer.zeroGrad();
          value.backward();
          optimizer.step();
          return value;
        });
        losses.push(await loss.item());
        loss.dispose();
      }
    }
    model.eval();
    const correct = noGrad(() => tidy(() => eq(argmax(model.forward(test.tensors.input), 1), test.tensors.target).cast('float32').mean()));
    const accuracy = await correct.item();
    expect(losses[0]).toBeGreaterThan(2);
    expect(losses.slice(-20).reduce((a, b) => a + b) / 20).toBeLessThan(0.6);
    expect(accuracy).toBeGreaterThan(0.85);
    correct.dispose();
    train.dispose();
    test.dispose();
  }, 60_000);
});
