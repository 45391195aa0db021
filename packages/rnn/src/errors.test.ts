import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn, tensor, zeros } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { GRU, GRUCell, LSTM, LSTMCell, RNN } from './index.js';

/**
 * Mistakes are refused with errors that name the layer and the shapes involved. They are caught in
 * front of the backend, so every backend must refuse them the same way, at the call.
 */
describeEachBackend({ describe, beforeAll, afterAll }, 'errors', () => {
  it('wrong input rank or feature size', () => {
    const lstm = new LSTM(4, 3);
    expect(() => lstm.forward(randn([2, 3, 5]))).toThrow('LSTM: the input has 5 features (shape [2, 3, 5]), but inputSize is 4 (expected [T, N, 4])');
    expect(() => lstm.forward(randn([4]))).toThrow('LSTM: expected an input of rank 3 ([T, N, 4]) or 2 (unbatched [T, 4]), got shape [4]');
    expect(() => new GRU(4, 3, { batchFirst: true }).forward(randn([1, 2, 3, 4]))).toThrow('GRU: expected an input of rank 3 ([N, T, 4])');
    expect(() => lstm.forward(zeros([0, 2, 4]))).toThrow('LSTM: the input has no time steps (shape [0, 2, 4])');
    expect(() => lstm.forward(tensor([[1, 2, 3, 4]], [1, 4], 'int32'))).toThrow("LSTM: the input must be float32, got 'int32'");
  });

  it('wrong initial state', () => {
    const lstm = new LSTM(4, 3, { numLayers: 2 });
    const x = randn([5, 2, 4]);
    expect(() => lstm.forward(x, [zeros([2, 2, 3]), zeros([1, 2, 3])])).toThrow('LSTM: expected the initial state c0 of shape [2, 2, 3], got [1, 2, 3]');
    expect(() => new GRU(4, 3, { bidirectional: true }).forward(x, zeros([1, 2, 3]))).toThrow('GRU: expected the initial state h0 of shape [2, 2, 3], got [1, 2, 3]');
    expect(() => new RNN(4, 3).forward(randn([5, 4]), zeros([1, 2, 3]))).toThrow('RNN: expected the initial state h0 of shape [1, 3], got [1, 2, 3]');
  });

  it('wrong lengths', () => {
    const rnn = new RNN(2, 3);
    const x = randn([4, 3, 2]);
    expect(() => rnn.forward(x, null, { lengths: [4, 2] })).toThrow('RNN: got 2 lengths for a batch of 3 sequences');
    expect(() => rnn.forward(x, null, { lengths: [4, 0, 1] })).toThrow('RNN: lengths[1] is 0; each length must be an integer from 1 to the 4 time steps of the input');
    expect(() => rnn.forward(x, null, { lengths: [5, 1, 1] })).toThrow('lengths[0] is 5');
    expect(() => rnn.forward(x, null, { lengths: tensor([1, 2, 3]) })).toThrow('RNN: lengths must be an int32 tensor of shape [3] (one per sequence), got float32 [3]');
  });

  it('wrong cell input or state', () => {
    expect(() => new LSTMCell(4, 3).forward(randn([2, 5]))).toThrow('LSTMCell: expected an input of shape [N, 4] or [4], got [2, 5]');
    expect(() => new GRUCell(4, 3).forward(randn([2, 4]), zeros([3, 3]))).toThrow('GRUCell: expected the initial state h of shape [2, 3], got [3, 3]');
  });

  it('bad constructor arguments', () => {
    expect(() => new LSTM(0, 3)).toThrow('LSTM: inputSize must be a positive integer, got 0');
    expect(() => new GRU(2, 3, { numLayers: 1.5 })).toThrow('GRU: numLayers must be a positive integer, got 1.5');
    expect(() => new LSTM(2, 3, { dropout: 2 })).toThrow('LSTM: dropout must be in [0, 1], got 2');
    expect(() => new RNN(2, 3, { nonlinearity: 'sigmoid' as 'tanh' })).toThrow("RNN: nonlinearity must be 'tanh' or 'relu', got 'sigmoid'");
  });
});
