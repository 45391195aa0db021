import { tidy, type Tensor } from '@neurite/tensor';
import { Module, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';
import { gruMath, lstmMath, rnnMath, type CellMath, type Nonlinearity } from './cell-math.js';
import { checkPositiveInteger, createCellWeights, type CellWeights } from './parameters.js';
import { checkCellInput, checkStateShape } from './sequence-checks.js';
import type { LSTMState } from './lstm.js';

export interface CellOptions {
  /** Whether to have `bias_ih` and `bias_hh` (default true). */
  readonly bias?: boolean;
}

export interface RNNCellOptions extends CellOptions {
  readonly nonlinearity?: Nonlinearity;
}

/**
 * One step of a recurrent layer, for writing the time loop yourself. Parameters `weight_ih`,
 * `weight_hh`, `bias_ih`, `bias_hh`, as PyTorch's cells. Input `[N, in]` or unbatched `[in]`.
 */
abstract class RecurrentCell<State> extends Module<[input: Tensor, state?: State | null], State> implements ConfigurableLayer {
  readonly bias: boolean;
  readonly #weights: CellWeights;

  protected constructor(
    protected readonly layerName: string,
    protected readonly math: CellMath,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: CellOptions,
  ) {
    super();
    checkPositiveInteger(layerName, 'inputSize', inputSize);
    checkPositiveInteger(layerName, 'hiddenSize', hiddenSize);
    this.bias = options.bias ?? true;
    this.#weights = createCellWeights(inputSize, hiddenSize, math.gates, this.bias);
    this.registerParameter('weight_ih', this.#weights.weightIh);
    this.registerParameter('weight_hh', this.#weights.weightHh);
    this.registerParameter('bias_ih', this.#weights.biasIh);
    this.registerParameter('bias_hh', this.#weights.biasHh);
  }

  protected abstract stateToList(state: State): readonly Tensor[];
  protected abstract listToState(list: readonly Tensor[]): State;

  /** The next state; a missing state starts from zeros. */
  forward(input: Tensor, state: State | null = null): State {
    checkCellInput(this.layerName, input, this.inputSize);
    const batched = input.rank === 2;
    const expected = batched ? [input.shape[0], this.hiddenSize] : [this.hiddenSize];
    const parts = state === null || state === undefined ? null : this.stateToList(state);
    parts?.forEach((part, i) => checkStateShape(this.layerName, this.math.stateNames[i], part, expected));
    return tidy(() => {
      const rows = batched ? input : input.unsqueeze(0);
      const current = parts?.map((part) => (batched ? part : part.unsqueeze(0))) ?? this.math.stateNames.map(() => input.newFull([rows.shape[0], this.hiddenSize], 0));
      const { weightIh, weightHh, biasIh, biasHh } = this.#weights;
      const product = rows.matmul(weightIh, { transposeB: true });
      const next = this.math.step(biasIh ? product.add(biasIh) : product, current, weightHh, biasHh);
      return this.listToState(batched ? next : next.map((part) => part.squeeze(0)));
    });
  }

  getConfig(): LayerConfig {
    return { inputSize: this.inputSize, hiddenSize: this.hiddenSize, bias: this.bias };
  }

  protected override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : ', bias=False'}`;
  }
}

/** PyTorch's `nn.RNNCell`: `forward(input, h?)` returns `h'`. */
export class RNNCell extends RecurrentCell<Tensor> {
  static readonly layerType = 'RNNCell';
  static readonly plugin = '@neurite/rnn';
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`RNNCell: nonlinearity must be 'tanh' or 'relu', got '${String(nonlinearity)}'`);
    super('RNNCell', rnnMath(nonlinearity), inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  protected stateToList(state: Tensor): readonly Tensor[] { return [state]; }
  protected listToState([h]: readonly Tensor[]): Tensor { return h; }
  override getConfig(): LayerConfig { return { ...super.getConfig(), nonlinearity: this.nonlinearity }; }

  static fromConfig(config: LayerConfig): RNNCell {
    return new RNNCell(config.inputSize as number, config.hiddenSize as number, { bias: config.bias as boolean, nonlinearity: config.nonlinearity as Nonlinearity });
  }

  protected override extraRepr(): string {
    return this.nonlinearity === 'tanh' ? super.extraRepr() : `${super.extraRepr()}, nonlinearity='relu'`;
  }
}

/** PyTorch's `nn.LSTMCell`: `forward(input, [h, c]?)` returns `[h', c']`. */
export class LSTMCell extends RecurrentCell<LSTMState> {
  static readonly layerType = 'LSTMCell';
  static readonly plugin = '@neurite/rnn';

  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('LSTMCell', lstmMath, inputSize, hiddenSize, options);
  }

  protected stateToList(state: LSTMState): readonly Tensor[] {
    if (!Array.isArray(state) || state.length !== 2) throw new Error('LSTMCell: the state must be [h, c]');
    return state;
  }

  protected listToState([h, c]: readonly Tensor[]): LSTMState { return [h, c]; }

  static fromConfig(config: LayerConfig): LSTMCell {
    return new LSTMCell(config.inputSize as number, config.hiddenSize as number, { bias: config.bias as boolean });
  }
}

/** PyTorch's `nn.GRUCell`: `forward(input, h?)` returns `h'`. */
export class GRUCell extends RecurrentCell<Tensor> {
  static readonly layerType = 'GRUCell';
  static readonly plugin = '@neurite/rnn';

  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('GRUCell', gruMath, inputSize, hiddenSize, options);
  }

  protected stateToList(state: Tensor): readonly Tensor[] { return [state]; }
  protected listToState([h]: readonly Tensor[]): Tensor { return h; }

  static fromConfig(config: LayerConfig): GRUCell {
    return new GRUCell(config.inputSize as number, config.hiddenSize as number, { bias: config.bias as boolean });
  }
}
