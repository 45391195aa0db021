import type { Tensor } from '@neurite/tensor';

/**
 * One time step of a recurrent cell, written from tensor ops (autograd derives the backward pass).
 * The input's share of every gate, `x W_ihᵀ + b_ih`, arrives already computed: layers project a
 * whole sequence with one matmul and hand each step its slice; cells project their one input.
 */
export interface CellMath {
  /** How many blocks of `hiddenSize` rows the weights stack: 1 (RNN), 3 (GRU: r,z,n), 4 (LSTM: i,f,g,o). */
  readonly gates: number;
  /** What the state holds: `['h']`, or `['h', 'c']` for the LSTM. */
  readonly stateNames: readonly string[];
  /**
   * Whether `b_hh` may be added to the input projection once for all steps instead of at every step.
   * True where the two biases are only ever summed; not for the GRU, whose `r` multiplies `b_hn`.
   */
  readonly foldsHiddenBias: boolean;
  /** The next state from the projected input `[N, gates*H]` and the current state (each `[N, H]`). */
  step(projectedInput: Tensor, state: readonly Tensor[], weightHh: Tensor, biasHh: Tensor | null): Tensor[];
}

export type Nonlinearity = 'tanh' | 'relu';

/** `h W_hhᵀ + b_hh`, without a transposed copy of the weight. */
function hiddenProjection(h: Tensor, weightHh: Tensor, biasHh: Tensor | null): Tensor {
  const product = h.matmul(weightHh, { transposeB: true });
  return biasHh ? product.add(biasHh) : product;
}

/** Elman RNN: `h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)`. */
export function rnnMath(nonlinearity: Nonlinearity): CellMath {
  return {
    gates: 1,
    stateNames: ['h'],
    foldsHiddenBias: true,
    step(projectedInput, [h], weightHh, biasHh) {
      const preActivation = projectedInput.add(hiddenProjection(h, weightHh, biasHh));
      return [nonlinearity === 'tanh' ? preActivation.tanh() : preActivation.relu()];
    },
  };
}

/** LSTM with PyTorch's gate order i, f, g, o: `c' = σ(f)·c + σ(i)·tanh(g)`, `h' = σ(o)·tanh(c')`. */
export const lstmMath: CellMath = {
  gates: 4,
  stateNames: ['h', 'c'],
  foldsHiddenBias: true,
  step(projectedInput, [h, c], weightHh, biasHh) {
    const [i, f, g, o] = projectedInput.add(hiddenProjection(h, weightHh, biasHh)).chunk(4, -1);
    const cell = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
    return [o.sigmoid().mul(cell.tanh()), cell];
  },
};

/**
 * GRU with PyTorch's gate order r, z, n and its placement of the reset gate:
 * `n = tanh(W_in x + b_in + r·(W_hn h + b_hn))`, `h' = (1 − z)·n + z·h`.
 */
export const gruMath: CellMath = {
  gates: 3,
  stateNames: ['h'],
  foldsHiddenBias: false,
  step(projectedInput, [h], weightHh, biasHh) {
    const hiddenSize = h.shape[h.rank - 1];
    const [inputResetUpdate, inputNew] = projectedInput.split([2 * hiddenSize, hiddenSize], -1);
    const [hiddenResetUpdate, hiddenNew] = hiddenProjection(h, weightHh, biasHh).split([2 * hiddenSize, hiddenSize], -1);
    // r and z share one add and one sigmoid over both gates.
    const [reset, update] = inputResetUpdate.add(hiddenResetUpdate).sigmoid().chunk(2, -1);
    const candidate = inputNew.add(reset.mul(hiddenNew)).tanh();
    // (1 − z)·n + z·h, written as n + z·(h − n) to save an op.
    return [candidate.add(update.mul(h.sub(candidate)))];
  },
};
