import { tidy, type Tensor } from '@neurite/tensor';
import { functional } from '@neurite/nn';
import { additiveMask, causalAllowed, formatShape } from './masks.js';

export interface ScaledDotProductAttentionOptions {
  /**
   * Broadcastable to `[..., L, S]`. Boolean: true = the key takes part (PyTorch's convention for this
   * function, the opposite of MultiheadAttention's). Float: added to the scores.
   */
  readonly attnMask?: Tensor | null;
  /** Each query i sees keys j <= i only. Not together with attnMask (as PyTorch). */
  readonly isCausal?: boolean;
  /** Dropout on the attention weights (default 0). */
  readonly dropoutP?: number;
  /** Multiplies the scores; default 1/√(query's last axis). */
  readonly scale?: number | null;
  /** Whether dropout is active (default true: the functional form drops whenever dropoutP > 0, as PyTorch). */
  readonly training?: boolean;
}

/**
 * The core of attention, shared with MultiheadAttention: `softmax(q kᵀ · scale + bias) v`, also
 * returning the (post-dropout) weights. `bias` is an additive mask, or null.
 */
export function attend(query: Tensor, key: Tensor, value: Tensor, bias: Tensor | null, scale: number, dropoutP: number, training: boolean): [Tensor, Tensor] {
  return tidy(() => {
    // Scaling q rather than the scores touches L·E values instead of L·S (as PyTorch's MHA does).
    let scores = query.mul(scale).matmul(key, { transposeB: true });
    if (bias) scores = scores.add(bias);
    // softmax subtracts the row maximum first: stable for large scores, and -Infinity becomes 0.
    let weights = scores.softmax(-1);
    if (dropoutP > 0 && training) weights = functional.dropout(weights, dropoutP, { training });
    return [weights.matmul(value), weights];
  });
}

/**
 * PyTorch's `F.scaled_dot_product_attention`: query `[..., L, E]`, key `[..., S, E]`, value
 * `[..., S, Ev]` (leading axes broadcast) gives `[..., L, Ev]`.
 */
export function scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, options: ScaledDotProductAttentionOptions = {}): Tensor {
  const caller = 'scaledDotProductAttention';
  if (query.rank < 2 || key.rank < 2 || value.rank < 2) {
    throw new Error(`${caller}: query, key and value need at least 2 axes, got ${formatShape(query.shape)}, ${formatShape(key.shape)}, ${formatShape(value.shape)}`);
  }
  const [length, depth] = query.shape.slice(-2);
  const [sourceLength, keyDepth] = key.shape.slice(-2);
  if (keyDepth !== depth) {
    throw new Error(`${caller}: query ${formatShape(query.shape)} and key ${formatShape(key.shape)} must have the same last axis`);
  }
  if (value.shape[value.rank - 2] !== sourceLength) {
    throw new Error(`${caller}: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} must have the same sequence length (second to last axis)`);
  }
  const { attnMask = null, isCausal = false, dropoutP = 0, training = true } = options;
  if (!(dropoutP >= 0 && dropoutP < 1)) throw new Error(`${caller}: dropoutP must be in [0, 1), got ${dropoutP}`);
  if (isCausal && attnMask) throw new Error(`${caller}: pass either attnMask or isCausal, not both (as PyTorch)`);
  if (attnMask) checkBroadcastsTo(caller, attnMask.shape, [length, sourceLength]);
  const scale = options.scale ?? 1 / Math.sqrt(depth);
  return tidy(() => {
    const mask = isCausal ? causalAllowed(length, sourceLength) : attnMask;
    const bias = mask ? additiveMask(caller, 'attnMask', mask, 'attend') : null;
    return attend(query, key, value, bias, scale, dropoutP, training)[0];
  });
}

/** The mask's last two axes must broadcast to [L, S]; its leading axes broadcast with the batch. */
function checkBroadcastsTo(caller: string, maskShape: readonly number[], scoreShape: readonly [number, number]): void {
  const trailing = maskShape.slice(-2);
  const fits = trailing.every((d, i) => d === 1 || d === scoreShape[i + 2 - trailing.length]);
  if (!fits) {
    throw new Error(`${caller}: attnMask of shape ${formatShape(maskShape)} does not broadcast to the scores' [L, S] = ${formatShape(scoreShape)}`);
  }
}
