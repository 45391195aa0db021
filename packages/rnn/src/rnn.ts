import type { Tensor } from '@neurite/tensor';
import type { LayerConfig } from '@neurite/nn';
import { rnnMath, type Nonlinearity } from './cell-math.js';
import { RecurrentLayer, optionsFromConfig, type RecurrentOptions } from './recurrent-layer.js';

export interface RNNOptions extends RecurrentOptions {
  /** The activation of `h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)` (default 'tanh'). */
  readonly nonlinearity?: Nonlinearity;
}

/** PyTorch's `nn.RNN` (Elman): `forward(input, h0?, { lengths }?)` returns `[output, hN]`. */
export class RNN extends RecurrentLayer<Tensor> {
  static readonly layerType = 'RNN';
  static readonly plugin = '@neurite/rnn';
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`RNN: nonlinearity must be 'tanh' or 'relu', got '${String(nonlinearity)}'`);
    super('RNN', rnnMath(nonlinearity), inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  protected stateToList(state: Tensor): readonly Tensor[] {
    return [state];
  }

  protected listToState([h]: readonly Tensor[]): Tensor {
    return h;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), nonlinearity: this.nonlinearity };
  }

  static fromConfig(config: LayerConfig): RNN {
    return new RNN(config.inputSize as number, config.hiddenSize as number, { ...optionsFromConfig(config), nonlinearity: config.nonlinearity as Nonlinearity });
  }

  protected override extraRepr(): string {
    return this.nonlinearity === 'tanh' ? super.extraRepr() : `${super.extraRepr()}, nonlinearity='relu'`;
  }
}
