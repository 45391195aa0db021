import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/torch-state-dicts.json';
import * as nn from '@neurite/nn';
import * as rnn from './index.js';
import { expectClose } from '@neurite/tensor/testing';
import { fixtureInputs, flattenOutputs, loadTorchStateDict, type StateDictFixture } from '@neurite/nn/testing';

const build: Record<string, (...args: never[]) => nn.Module<never[], unknown>> = {
  LSTM: (input: number, hidden: number, options?: rnn.RecurrentOptions) => new rnn.LSTM(input, hidden, options),
  GRU: (input: number, hidden: number, options?: rnn.RecurrentOptions) => new rnn.GRU(input, hidden, options),
  RNN: (input: number, hidden: number, options?: rnn.RNNOptions) => new rnn.RNN(input, hidden, options),
  LSTMCell: (input: number, hidden: number) => new rnn.LSTMCell(input, hidden),
};

describe('PyTorch state dicts of every rnn layer load strictly through safetensors', () => {
  for (const fixture of fixtures.layers as unknown as StateDictFixture[]) {
    it(fixture.name, () => {
      const layer = (build[fixture.construct.type] as (...args: unknown[]) => nn.Module<never[], unknown>)(...(fixture.construct.args ?? []));
      loadTorchStateDict(layer, fixture);
      layer.eval();
      const outputs = flattenOutputs((layer.forward as (...xs: unknown[]) => unknown)(...fixtureInputs(fixture)));
      expect(outputs.map((o) => o.shape)).toEqual(fixture.outputs.map((o) => o.shape));
      outputs.forEach((o, i) => expectClose(o.dataSync(), fixture.outputs[i].values, `${fixture.name} output ${i}`, 1e-4, 1e-4));
    });
  }
});
