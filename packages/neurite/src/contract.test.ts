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
    expect(await y.array()).toEqual([[9], [21]]);
    expect(randn([2]).shape).toEqual([2]);
    expect(rand([3]).shape).toEqual([3]);
    expect(await arange(3).array()).toEqual([0, 1, 2]);

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
          return loss.dataSync()[0]; // the design's CPU backend also reads synchronously
        });
        input.dispose();
        target.dispose();
      }
    }
    expect(last).toBeLessThan(0.2);
    // What stays: Adam's two moments per parameter, and each parameter's .grad until the next zeroGrad.
    expect(memory().tensors - before).toBe(model.parameters().length * 3);
    // eval() and train() reach every submodule, and change what Dropout does.
    const dropout = new nn.Sequential(new nn.Linear(4, 4), new nn.Dropout(0.5));
    const ones4 = ones([64, 4]);
    dropout.eval();
    expect(dropout.modules().every((m) => !m.training)).toBe(true);
    expect(await dropout.forward(ones4).array()).toEqual(await dropout.forward(ones4).array());
    dropout.train();
    expect(dropout.modules().every((m) => m.training)).toBe(true);
    expect(await dropout.forward(ones4).array()).not.toEqual(await dropout.forward(ones4).array());
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    // A state dict through safetensors makes a fresh model compute exactly what the trained one does.
    const bytes = await nn.saveSafetensors(model.stateDict());
    const fresh = new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Linear(16, 2));
    fresh.loadStateDict(nn.loadSafetensors(bytes), { strict: true });
    expect(await fresh.forward(inputs).array()).toEqual(await model.forward(inputs).array());
    expect(() => fresh.loadStateDict({}, { strict: true })).toThrow(/missing/i);
  });
});

describe('nn in the umbrella includes the plugins', () => {
  it('has the design’s layers and functions under nn', async () => {
    const { tensor: make, randn } = await import('./index.js');
    const layers = [nn.Linear, nn.ReLU, nn.GELU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Dropout, nn.LayerNorm, nn.Embedding, nn.Sequential,
      nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, nn.BatchNorm2d, nn.Flatten, nn.RNN, nn.LSTM, nn.GRU, nn.MultiheadAttention, nn.TransformerEncoderLayer];
    expect(layers.every((layer) => typeof layer === 'function')).toBe(true);
    const functions = ['relu', 'gelu', 'softmax', 'logSoftmax', 'crossEntropy', 'mseLoss', 'binaryCrossEntropy', 'conv2d', 'maxPool2d', 'scaledDotProductAttention', 'dropout', 'layerNorm'] as const;
    expect(functions.filter((name) => typeof nn.functional[name] !== 'function')).toEqual([]);
    // The design's constructor forms.
    const conv = new nn.Conv2d(1, 8, 5, { stride: 1, padding: 2 });
    expect(conv.forward(randn([1, 1, 28, 28])).shape).toEqual([1, 8, 28, 28]);
    const lstm = new nn.LSTM(32, 128, { numLayers: 2, batchFirst: true });
    const [output, [hN, cN]] = lstm.forward(randn([4, 10, 32]));
    expect([output.shape, hN.shape, cN.shape]).toEqual([[4, 10, 128], [2, 4, 128], [2, 4, 128]]);
    const attention = new nn.MultiheadAttention(128, 4, { batchFirst: true });
    const q = randn([2, 5, 128]);
    const [attended, weights] = attention.forward(q, q, q, { needWeights: true });
    expect([attended.shape, weights!.shape]).toEqual([[2, 5, 128], [2, 5, 5]]);
    expect(make([1]).shape).toEqual([1]);
  });

  it('loadModel rebuilds plugin layers without being told the plugins', async () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(8, 2));
    model.eval();
    const loaded = nn.loadModel(await nn.saveModel(model)) as InstanceType<typeof nn.Sequential>;
    const x = randn([1, 1, 4, 4]);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
  });
});
