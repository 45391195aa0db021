import { afterAll, beforeAll, describe, it } from 'vitest';
import fixtures from './__fixtures__/torch-state-dicts.json';
import * as nn from '@neurite/nn';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as rnn from './index.js';
import { checkTorchStateDict, type StateDictFixture } from '@neurite/nn/testing';

const build: Record<string, (...args: never[]) => nn.Module<never[], unknown>> = {
  LSTM: (input: number, hidden: number, options?: rnn.RecurrentOptions) => new rnn.LSTM(input, hidden, options),
  GRU: (input: number, hidden: number, options?: rnn.RecurrentOptions) => new rnn.GRU(input, hidden, options),
  RNN: (input: number, hidden: number, options?: rnn.RNNOptions) => new rnn.RNN(input, hidden, options),
  LSTMCell: (input: number, hidden: number) => new rnn.LSTMCell(input, hidden),
};

describeEachBackend({ describe, beforeAll, afterAll }, 'PyTorch state dicts of every rnn layer load strictly through safetensors', () => {
  for (const fixture of fixtures.layers as unknown as StateDictFixture[]) {
    it(fixture.name, () => checkTorchStateDict(fixture, build[fixture.construct.type] as (...args: readonly unknown[]) => nn.Module<never[], unknown>));
  }
});
