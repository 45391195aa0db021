import type { NeuritePlugin } from '@neurite/nn';
import { RNN } from './rnn.js';
import { LSTM } from './lstm.js';
import { GRU } from './gru.js';
import { RNNCell, LSTMCell, GRUCell } from './cells.js';

/** Pass to `loadModel(bytes, { plugins: [rnnPlugin] })` to load models that use these layers. */
export const rnnPlugin: NeuritePlugin = {
  name: '@neurite/rnn',
  layers: [RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell],
};
