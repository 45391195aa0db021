import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualSeed, randn, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, rnnPlugin } from './index.js';

/** saveModel / loadModel with the plugin, as a user of @neurite/rnn would do it. */

async function roundTrip<M extends nn.Module<never[], unknown>>(model: M): Promise<M> {
  const bytes = await nn.saveModel(model);
  const loaded = nn.loadModel(bytes, { plugins: [rnnPlugin] }) as M;
  expect(String(loaded)).toBe(String(model));
  expect(Object.keys(loaded.stateDict())).toEqual(Object.keys(model.stateDict()));
  return loaded;
}

const values = (tensors: readonly Tensor[]) => Promise.all(tensors.map((t) => t.array()));

describeEachBackend({ describe, beforeAll, afterAll }, 'saveModel / loadModel with rnnPlugin', () => {
  it('rebuilds RNN, LSTM and GRU with their options and weights', async () => {
    manualSeed(0);
    const x = randn([4, 2, 3]);
    const lstm = new LSTM(3, 5, { numLayers: 2, bidirectional: true, dropout: 0.25 }).eval();
    const loadedLstm = (await roundTrip(lstm)).eval();
    const [out, [h, c]] = lstm.forward(x);
    const [loadedOut, [loadedH, loadedC]] = loadedLstm.forward(x);
    expect(await values([loadedOut, loadedH, loadedC])).toEqual(await values([out, h, c]));
    expect(String(loadedLstm)).toBe('LSTM(3, 5, num_layers=2, dropout=0.25, bidirectional=True)');

    for (const model of [new GRU(3, 4, { batchFirst: true, bias: false }), new RNN(3, 4, { nonlinearity: 'relu', numLayers: 3 })]) {
      const loaded = await roundTrip(model);
      expect(await values(loaded.forward(x))).toEqual(await values(model.forward(x)));
      expect(loaded.getConfig()).toEqual(model.getConfig());
    }
  });

  it('rebuilds the cells, also inside a core container', async () => {
    manualSeed(1);
    const x = randn([2, 3]);
    const model = new nn.Sequential(new nn.Linear(3, 4), new GRUCell(4, 4), new RNNCell(4, 2, { nonlinearity: 'relu' }));
    const loaded = await roundTrip(model);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
    const cell = new LSTMCell(3, 2, { bias: false });
    const loadedCell = await roundTrip(cell);
    expect(await values(loadedCell.forward(x))).toEqual(await values(cell.forward(x)));
  });

  it('names the plugin when it is not passed', async () => {
    const bytes = await nn.saveModel(new LSTM(2, 2));
    expect(() => nn.loadModel(bytes)).toThrow(/unknown layer type 'LSTM'\. It comes from the plugin '@neurite\/rnn'/);
  });

  it('lists every layer in the plugin, each with its type and package', () => {
    expect(rnnPlugin.name).toBe('@neurite/rnn');
    expect(rnnPlugin.layers.map((layer) => [layer.layerType, layer.plugin])).toEqual(
      ['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell'].map((type) => [type, '@neurite/rnn']),
    );
  });
});
