import { concat, stack, tidy, where, type Tensor } from '@neurite/tensor';
import { Module, functional, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';
import type { CellMath } from './cell-math.js';
import { checkPositiveInteger, createCellWeights, type CellWeights } from './parameters.js';
import { checkSequenceInput, checkStateShape, lengthsColumn, type SequenceLayout, type SequenceLengths } from './sequence-checks.js';
import { unstackTimeSteps } from './time-steps.js';

/** Constructor options shared by RNN, LSTM and GRU, with PyTorch's defaults. */
export interface RecurrentOptions {
  /** Stacked layers; layer k > 0 reads the output of layer k − 1 (default 1). */
  readonly numLayers?: number;
  /** Whether to have `bias_ih` and `bias_hh` (default true). */
  readonly bias?: boolean;
  /** Input and output as `[N, T, features]` instead of `[T, N, features]` (default false). */
  readonly batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training mode (default 0). */
  readonly dropout?: number;
  /** Adds a second direction that reads the sequence backwards (default false). */
  readonly bidirectional?: boolean;
}

export interface RecurrentForwardOptions {
  /**
   * The real length of each sequence of a padded batch (1..T). Steps past a sequence's end leave its
   * state unchanged and output zeros, as PyTorch's packed sequences do, and the backward direction
   * starts at each sequence's own last step. The output keeps the input's T steps.
   */
  readonly lengths?: SequenceLengths;
}

/**
 * RNN, LSTM and GRU: stacked, optionally bidirectional recurrent layers with PyTorch's parameter
 * names (`weight_ih_l0`, `bias_hh_l1_reverse`, …), layouts and shapes. Subclasses supply the cell's
 * math and the shape of the state their forward takes and returns (`h`, or `[h, c]`).
 */
export abstract class RecurrentLayer<State> extends Module<[input: Tensor, state?: State | null, options?: RecurrentForwardOptions], [Tensor, State]> implements ConfigurableLayer {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** Weights by layer, then direction: index `layer * directions + direction`. */
  readonly #weights: CellWeights[] = [];

  protected constructor(
    /** The layer's name in error messages. */
    protected readonly layerName: string,
    protected readonly math: CellMath,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentOptions = {},
  ) {
    super();
    this.numLayers = options.numLayers ?? 1;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.bidirectional = options.bidirectional ?? false;
    checkPositiveInteger(layerName, 'inputSize', inputSize);
    checkPositiveInteger(layerName, 'hiddenSize', hiddenSize);
    checkPositiveInteger(layerName, 'numLayers', this.numLayers);
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new Error(`${layerName}: dropout must be in [0, 1], got ${this.dropout}`);
    // Registered in PyTorch's order (per layer and direction: w_ih, w_hh, b_ih, b_hh), which is
    // also the order of parameters() and of the state dict.
    for (let layer = 0; layer < this.numLayers; layer++) {
      for (let direction = 0; direction < this.directions; direction++) {
        const layerInput = layer === 0 ? inputSize : hiddenSize * this.directions;
        const weights = createCellWeights(layerInput, hiddenSize, math.gates, this.bias);
        const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
        this.registerParameter(`weight_ih${suffix}`, weights.weightIh);
        this.registerParameter(`weight_hh${suffix}`, weights.weightHh);
        if (weights.biasIh && weights.biasHh) {
          this.registerParameter(`bias_ih${suffix}`, weights.biasIh);
          this.registerParameter(`bias_hh${suffix}`, weights.biasHh);
        }
        this.#weights.push(weights);
      }
    }
  }

  get directions(): 1 | 2 {
    return this.bidirectional ? 2 : 1;
  }

  /** The state as a list of `[numLayers*D, N, H]` tensors, in `math.stateNames` order. */
  protected abstract stateToList(state: State): readonly Tensor[];
  protected abstract listToState(list: readonly Tensor[]): State;

  /**
   * Runs the sequence through every layer. Returns the last layer's output at every step
   * (`[T, N, D*H]`, `[N, T, D*H]` with batchFirst, `[T, D*H]` unbatched) and the final state
   * (`[numLayers*D, N, H]` per part, `[numLayers*D, H]` unbatched).
   */
  forward(input: Tensor, state: State | null = null, options: RecurrentForwardOptions = {}): [Tensor, State] {
    const layout = checkSequenceInput(this.layerName, input, this.inputSize, this.batchFirst);
    const initial = state === null || state === undefined ? null : this.#checkedState(state, layout);
    return tidy(() => {
      const lengths = options.lengths === undefined ? null : lengthsColumn(this.layerName, options.lengths, layout, input);
      // Work time-major: step t is then one contiguous block of the projection.
      let sequence = !layout.batched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input;
      const initialParts = initial?.map((part) => (layout.batched ? part : part.unsqueeze(1)).split(1, 0).map((piece) => piece.squeeze(0)));
      const finals: Tensor[][] = this.math.stateNames.map(() => []);
      for (let layer = 0; layer < this.numLayers; layer++) {
        const outputs: Tensor[] = [];
        for (let direction = 0; direction < this.directions; direction++) {
          const index = layer * this.directions + direction;
          const start = initialParts?.map((parts) => parts[index]) ?? this.math.stateNames.map(() => input.newFull([layout.batch, this.hiddenSize], 0));
          const result = this.#runDirection(sequence, this.#weights[index], start, direction === 1, lengths, layout);
          outputs.push(result.output);
          result.final.forEach((part, k) => finals[k].push(part));
        }
        sequence = outputs.length === 1 ? outputs[0] : concat(outputs, -1);
        if (this.dropout > 0 && this.training && layer < this.numLayers - 1) sequence = functional.dropout(sequence, this.dropout, { training: true });
      }
      const output = !layout.batched ? sequence.squeeze(1) : this.batchFirst ? sequence.transpose(0, 1) : sequence;
      const finalState = finals.map((parts) => {
        const stacked = stack(parts, 0);
        return layout.batched ? stacked : stacked.squeeze(1);
      });
      return [output, this.listToState(finalState)];
    });
  }

  /** One layer in one direction over a time-major sequence `[T, N, in]`. */
  #runDirection(
    sequence: Tensor,
    weights: CellWeights,
    start: readonly Tensor[],
    reverse: boolean,
    lengths: Tensor | null,
    layout: SequenceLayout,
  ): { output: Tensor; final: readonly Tensor[] } {
    const { steps, batch } = layout;
    const { math } = this;
    // The input's share of every gate at every step in one matmul over [T*N, in].
    const foldedBias = math.foldsHiddenBias && weights.biasIh && weights.biasHh ? weights.biasIh.add(weights.biasHh) : weights.biasIh;
    let projection = sequence.reshape([steps * batch, sequence.shape[2]]).matmul(weights.weightIh, { transposeB: true });
    if (foldedBias) projection = projection.add(foldedBias);
    const projectedSteps = unstackTimeSteps(projection.reshape([steps, batch, math.gates * this.hiddenSize]));
    const biasHh = math.foldsHiddenBias ? null : weights.biasHh;

    let state = start;
    const outputs = new Array<Tensor>(steps);
    for (let k = 0; k < steps; k++) {
      const t = reverse ? steps - 1 - k : k;
      // Each step keeps only the next state and its output; autograd keeps what backward needs.
      const result = tidy(() => {
        const candidate = math.step(projectedSteps[t], state, weights.weightHh, biasHh);
        if (!lengths) return { next: candidate, output: candidate[0] };
        // Past a sequence's end its state is carried unchanged and its output is zero.
        const valid = lengths.gt(t);
        const next = candidate.map((part, i) => where(valid, part, state[i]));
        return { next, output: where(valid, next[0], 0) };
      });
      state = result.next;
      outputs[t] = result.output;
    }
    return { output: stack(outputs, 0), final: state };
  }

  #checkedState(state: State, layout: SequenceLayout): readonly Tensor[] {
    const parts = this.stateToList(state);
    const rows = this.numLayers * this.directions;
    const expected = layout.batched ? [rows, layout.batch, this.hiddenSize] : [rows, this.hiddenSize];
    if (parts.length !== this.math.stateNames.length) {
      throw new Error(`${this.layerName}: expected the initial state as ${this.math.stateNames.length === 1 ? 'h0' : '[h0, c0]'}, got ${parts.length} tensors`);
    }
    parts.forEach((part, i) => checkStateShape(this.layerName, `${this.math.stateNames[i]}0`, part, expected));
    return parts;
  }

  getConfig(): LayerConfig {
    return {
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      numLayers: this.numLayers,
      bias: this.bias,
      batchFirst: this.batchFirst,
      dropout: this.dropout,
      bidirectional: this.bidirectional,
    };
  }

  /** PyTorch's repr: `LSTM(10, 20, num_layers=2, batch_first=True)`. */
  protected override extraRepr(): string {
    const parts = [`${this.inputSize}`, `${this.hiddenSize}`];
    if (this.numLayers !== 1) parts.push(`num_layers=${this.numLayers}`);
    if (!this.bias) parts.push('bias=False');
    if (this.batchFirst) parts.push('batch_first=True');
    if (this.dropout !== 0) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push('bidirectional=True');
    return parts.join(', ');
  }
}

/** The options saved in a config, read back for `fromConfig`. */
export function optionsFromConfig(config: LayerConfig): RecurrentOptions {
  return {
    numLayers: config.numLayers as number,
    bias: config.bias as boolean,
    batchFirst: config.batchFirst as boolean,
    dropout: config.dropout as number,
    bidirectional: config.bidirectional as boolean,
  };
}
