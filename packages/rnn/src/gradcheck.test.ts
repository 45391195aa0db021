import { afterAll, beforeAll, describe, it } from 'vitest';
import { concat, gradcheck, manualSeed, randn, tensor, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { GRU, GRUCell, LSTM, LSTMCell, RNN } from './index.js';

/** Autograd through the recurrent layers against finite differences (input and initial states). */

const flat = (...parts: Tensor[]): Tensor => concat(parts.map((part) => part.reshape([-1])));

describeEachBackend({ describe, beforeAll, afterAll }, 'gradcheck', () => {
  it('LSTM: two layers, bidirectional, with variable lengths and an initial state', async () => {
    manualSeed(3);
    const lstm = new LSTM(2, 3, { numLayers: 2, bidirectional: true });
    const lengths = [3, 2];
    await gradcheck((x, h0, c0) => {
      const [output, [h, c]] = lstm.forward(x, [h0, c0], { lengths });
      return flat(output, h, c);
    }, [randn([3, 2, 2]), randn([4, 2, 3]), randn([4, 2, 3])]);
    lstm.dispose();
  });

  it('GRU: batchFirst with an initial state', async () => {
    manualSeed(4);
    const gru = new GRU(3, 2, { batchFirst: true });
    await gradcheck((x, h0) => {
      const [output, h] = gru.forward(x, h0);
      return flat(output, h);
    }, [randn([2, 4, 3]), randn([1, 2, 2])]);
    gru.dispose();
  });

  it('RNN: tanh, two layers, variable lengths given as a tensor', async () => {
    manualSeed(5);
    const rnn = new RNN(2, 3, { numLayers: 2 });
    const lengths = tensor([1, 3], [2], 'int32');
    await gradcheck((x) => {
      const [output, h] = rnn.forward(x, null, { lengths });
      return flat(output, h);
    }, [randn([3, 2, 2])]);
    rnn.dispose();
    lengths.dispose();
  });

  it('LSTMCell and GRUCell', async () => {
    manualSeed(6);
    const lstmCell = new LSTMCell(3, 2);
    await gradcheck((x, h, c) => flat(...lstmCell.forward(x, [h, c])), [randn([2, 3]), randn([2, 2]), randn([2, 2])]);
    const gruCell = new GRUCell(3, 2);
    await gradcheck((x, h) => gruCell.forward(x, h), [randn([2, 3]), randn([2, 2])]);
    lstmCell.dispose();
    gruCell.dispose();
  });
});
