import type { Tensor } from '@neurite/tensor';
import type { LayerConfig } from '@neurite/nn';
import { gruMath } from './cell-math.js';
import { RecurrentLayer, optionsFromConfig, type RecurrentOptions } from './recurrent-layer.js';

/**
 * PyTorch's `nn.GRU`: `forward(input, h0?, { lengths }?)` returns `[output, hN]`. Gate order r, z, n
 * in `weight_ih_l{k}` `[3H, in]`, with `n = tanh(W_in x + b_in + r·(W_hn h + b_hn))`.
 */
export class GRU extends RecurrentLayer<Tensor> {
  static readonly layerType = 'GRU';
  static readonly plugin = '@neurite/rnn';

  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('GRU', gruMath, inputSize, hiddenSize, options);
  }

  protected stateToList(state: Tensor): readonly Tensor[] {
    return [state];
  }

  protected listToState([h]: readonly Tensor[]): Tensor {
    return h;
  }

  static fromConfig(config: LayerConfig): GRU {
    return new GRU(config.inputSize as number, config.hiddenSize as number, optionsFromConfig(config));
  }
}
