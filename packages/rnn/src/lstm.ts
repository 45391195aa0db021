import type { Tensor } from '@neurite/tensor';
import type { LayerConfig } from '@neurite/nn';
import { lstmMath } from './cell-math.js';
import { RecurrentLayer, optionsFromConfig, type RecurrentOptions } from './recurrent-layer.js';

/** An LSTM's state: hidden and cell, each `[numLayers*D, N, H]` (`[numLayers*D, H]` unbatched). */
export type LSTMState = readonly [h: Tensor, c: Tensor];

/**
 * PyTorch's `nn.LSTM`: `forward(input, [h0, c0]?, { lengths }?)` returns `[output, [hN, cN]]`.
 * Gate order i, f, g, o in `weight_ih_l{k}` `[4H, in]` and `weight_hh_l{k}` `[4H, H]`.
 */
export class LSTM extends RecurrentLayer<LSTMState> {
  static readonly layerType = 'LSTM';
  static readonly plugin = '@neurite/rnn';

  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('LSTM', lstmMath, inputSize, hiddenSize, options);
  }

  protected stateToList(state: LSTMState): readonly Tensor[] {
    if (!Array.isArray(state)) throw new Error('LSTM: the initial state must be [h0, c0]');
    return state;
  }

  protected listToState([h, c]: readonly Tensor[]): LSTMState {
    return [h, c];
  }

  static fromConfig(config: LayerConfig): LSTM {
    return new LSTM(config.inputSize as number, config.hiddenSize as number, optionsFromConfig(config));
  }
}
