import { describe, expect, it } from 'vitest';
import { tensor, zeros, ones, randn, rand, arange, tidy, manualSeed, setBackend, memory, nn, optim, data } from './index.js';

/** The public API contract of the design, exercised as a user writes it. */
describe('the neurite umbrella', () => {
  it('exports the contract and trains a small model end to end', async () => {
    await setBackend('cpu');
    manualSeed(0);
    const x = tensor([[1, 2], [3, 4]]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.dtype).toBe('float32');
    expect(Array.from(await x.data())).toEqual([1, 2, 3, 4]);
    const w = ones([2, 3]);
    const y = x.add(zeros([2])).matmul(w).relu().sum(-1, true);
    expect(y.arraySync()).toEqual([[9], [21]]);
    expect(randn([2]).shape).toEqual([2]);
    expect(rand([3]).shape).toEqual([3]);
    expect(arange(3).arraySync()).toEqual([0, 1, 2]);

    const inputs = randn([64, 4]);
    const targets = inputs.sum(1).gt(0).cast('int32');
    const train = new data.TensorDataset({ input: inputs, target: targets });
    const model = new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Linear(16, 2));
    const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
    const before = memory().tensors;
    let last = Infinity;
    for (let epoch = 0; epoch < 30; epoch++) {
      for (const { input, target } of new data.DataLoader(train, { batchSize: 16, shuffle: true })) {
        last = tidy(() => {
          const loss = nn.functional.crossEntropy(model.forward(input), target);
          opt.zeroGrad();
          loss.backward();
          opt.step();
          return loss.dataSync()[0];
        });
        input.dispose();
        target.dispose();
      }
    }
    expect(last).toBeLessThan(0.2);
    // What stays: Adam's two moments per parameter, and each parameter's .grad until the next zeroGrad.
    expect(memory().tensors - before).toBe(model.parameters().length * 3);
    model.eval();
    model.train();
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const bytes = await nn.saveSafetensors(model.stateDict());
    model.loadStateDict(nn.loadSafetensors(bytes), { strict: true });
  });
});
