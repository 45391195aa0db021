import { concat, tidy, zeros, type Tensor } from '@neurite/tensor';
import { functional } from '@neurite/nn';
import { attend } from './scaled-dot-product-attention.js';
import { additiveMask, causalAllowed, formatShape } from './masks.js';

/** The forward options of MultiheadAttention (PyTorch's names, camelCase). */
export interface MultiheadAttentionForwardOptions {
  /**
   * `[L, S]`, or `[N·numHeads, L, S]` (`[numHeads, L, S]` unbatched). Boolean: true = NOT allowed to
   * attend (PyTorch's MultiheadAttention convention). Float: added to the scores.
   */
  readonly attnMask?: Tensor | null;
  /** `[N, S]` (`[S]` unbatched). Boolean: true = padding, ignored. Float: added to the scores. */
  readonly keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true, as PyTorch). */
  readonly needWeights?: boolean;
  /** Average the returned weights over heads, `[N, L, S]` (default true); else `[N, numHeads, L, S]`. */
  readonly averageAttnWeights?: boolean;
  /**
   * Causal self-attention: query i attends to keys j <= i. Used when no attnMask is given; with one,
   * it is a hint that attnMask is causal (as PyTorch) and attnMask is applied as given.
   */
  readonly isCausal?: boolean;
}

/** The weights and settings of one MultiheadAttention, as the functional form takes them. */
export interface MultiheadAttentionParameters {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly training: boolean;
  readonly addZeroAttn: boolean;
  /** `[3E, E]` when query, key and value have width E; otherwise null and the three below are set. */
  readonly inProjWeight: Tensor | null;
  readonly qProjWeight: Tensor | null;
  readonly kProjWeight: Tensor | null;
  readonly vProjWeight: Tensor | null;
  readonly inProjBias: Tensor | null;
  readonly biasK: Tensor | null;
  readonly biasV: Tensor | null;
  readonly outProjWeight: Tensor;
  readonly outProjBias: Tensor | null;
}

const LAYER = 'MultiheadAttention';

/** PyTorch's `F.multi_head_attention_forward`: returns `[output, weights | null]`. */
export function multiHeadAttentionForward(
  query: Tensor, key: Tensor, value: Tensor, p: MultiheadAttentionParameters, options: MultiheadAttentionForwardOptions = {},
): [Tensor, Tensor | null] {
  const { needWeights = true, averageAttnWeights = true, isCausal = false } = options;
  const batched = checkInputs(query, key, value, p);
  // Unbatched input is one sequence-first batch of one: [L, E] -> [L, 1, E].
  const batchFirst = batched && p.batchFirst;
  const sequenceAxis = batchFirst ? 1 : 0;
  const length = query.shape[sequenceAxis];
  const sourceLength = key.shape[sequenceAxis];
  const batch = batched ? query.shape[batchFirst ? 0 : 1] : 1;
  const { numHeads, embedDim } = p;
  const headDim = embedDim / numHeads;
  const attnMask = options.attnMask ?? null;
  const keyPaddingMask = options.keyPaddingMask ?? null;
  if (attnMask) checkAttnMask(attnMask, batched, batch, numHeads, length, sourceLength);
  if (keyPaddingMask) checkKeyPaddingMask(keyPaddingMask, batched, batch, sourceLength);

  return tidy(() => {
    const [q, k, v] = project(query, key, value, p);
    // [N, L, E] or [L, N, E] -> [N, heads, L, headDim]: one permute, no transposed copy in between.
    const headPermutation = batchFirst ? [0, 2, 1, 3] : [1, 2, 0, 3];
    const toHeads = (x: Tensor, len: number) =>
      x.reshape(batchFirst ? [batch, len, numHeads, headDim] : [len, batch, numHeads, headDim]).permute(headPermutation);
    const qHeads = toHeads(q, length);
    let kHeads = toHeads(k, sourceLength);
    let vHeads = toHeads(v, sourceLength);
    // Extra keys PyTorch appends after the real ones: learnt (addBiasKv), then zeros (addZeroAttn).
    let extraKeys = 0;
    const appendKey = (kRow: Tensor, vRow: Tensor) => {
      kHeads = concat([kHeads, kRow.reshape([1, numHeads, 1, headDim]).broadcastTo([batch, numHeads, 1, headDim])], 2);
      vHeads = concat([vHeads, vRow.reshape([1, numHeads, 1, headDim]).broadcastTo([batch, numHeads, 1, headDim])], 2);
      extraKeys++;
    };
    if (p.biasK && p.biasV) appendKey(p.biasK, p.biasV);
    if (p.addZeroAttn) appendKey(zeros([embedDim]), zeros([embedDim]));

    const bias = combinedMask(attnMask, keyPaddingMask, isCausal, batch, numHeads, length, sourceLength, extraKeys);
    const [heads, weights] = attend(qHeads, kHeads, vHeads, bias, 1 / Math.sqrt(headDim), p.dropout, p.training);
    // Back to the caller's layout: [N, heads, L, D] -> [N, L, heads, D] or [L, N, heads, D].
    const merged = heads.permute(batchFirst ? [0, 2, 1, 3] : [2, 0, 1, 3]).reshape(batched ? (batchFirst ? [batch, length, embedDim] : [length, batch, embedDim]) : [length, embedDim]);
    const output = functional.linear(merged, p.outProjWeight, p.outProjBias);
    if (!needWeights) return [output, null];
    const returned = averageAttnWeights ? weights.mean(1) : weights;
    return [output, batched ? returned : returned.squeeze(0)];
  });
}

/** The in-projection: slices of the packed `[3E, E]` weight (cheaper than slicing activations), or the separate weights. */
function project(query: Tensor, key: Tensor, value: Tensor, p: MultiheadAttentionParameters): [Tensor, Tensor, Tensor] {
  const e = p.embedDim;
  const weightOf = (i: number, separate: Tensor | null) => (p.inProjWeight ? p.inProjWeight.narrow(0, i * e, e) : separate!);
  const biasOf = (i: number) => (p.inProjBias ? p.inProjBias.narrow(0, i * e, e) : null);
  return [
    functional.linear(query, weightOf(0, p.qProjWeight), biasOf(0)),
    functional.linear(key, weightOf(1, p.kProjWeight), biasOf(1)),
    functional.linear(value, weightOf(2, p.vProjWeight), biasOf(2)),
  ];
}

/**
 * attnMask, keyPaddingMask and causality as one additive mask broadcastable to
 * `[N, heads, L, S + extraKeys]`, or null when nothing is masked. The extra keys are never masked.
 */
function combinedMask(
  attnMask: Tensor | null, keyPaddingMask: Tensor | null, isCausal: boolean,
  batch: number, numHeads: number, length: number, sourceLength: number, extraKeys: number,
): Tensor | null {
  let bias: Tensor | null = null;
  if (attnMask) {
    const additive = additiveMask(LAYER, 'attnMask', attnMask, 'ignore');
    bias = attnMask.rank === 3 ? additive.reshape([batch, numHeads, length, sourceLength]) : additive;
  } else if (isCausal) {
    bias = additiveMask(LAYER, 'causal mask', causalAllowed(length, sourceLength), 'attend');
  }
  if (keyPaddingMask) {
    const padding = additiveMask(LAYER, 'keyPaddingMask', keyPaddingMask, 'ignore').reshape([batch, 1, 1, sourceLength]);
    bias = bias ? bias.add(padding) : padding;
  }
  if (bias && extraKeys > 0) bias = bias.pad([0, extraKeys], 0);
  return bias;
}

/** Checks ranks and widths; returns whether the input is batched (rank 3) rather than one sequence (rank 2). */
function checkInputs(query: Tensor, key: Tensor, value: Tensor, p: MultiheadAttentionParameters): boolean {
  const shapes = `query ${formatShape(query.shape)}, key ${formatShape(key.shape)}, value ${formatShape(value.shape)}`;
  if (!(query.rank === 3 || query.rank === 2) || key.rank !== query.rank || value.rank !== query.rank) {
    throw new Error(`${LAYER}: query, key and value must all be 3-D (batched) or all 2-D (unbatched), got ${shapes}`);
  }
  const batched = query.rank === 3;
  const sequenceAxis = batched && p.batchFirst ? 1 : 0;
  const kdim = p.inProjWeight ? p.embedDim : p.kProjWeight!.shape[1];
  const vdim = p.inProjWeight ? p.embedDim : p.vProjWeight!.shape[1];
  const widths = [query.shape[query.rank - 1], key.shape[key.rank - 1], value.shape[value.rank - 1]];
  if (widths[0] !== p.embedDim || widths[1] !== kdim || widths[2] !== vdim) {
    throw new Error(`${LAYER}: expected widths (last axis) query ${p.embedDim}, key ${kdim}, value ${vdim}; got ${shapes}`);
  }
  if (key.shape[sequenceAxis] !== value.shape[sequenceAxis]) {
    throw new Error(`${LAYER}: key and value must have the same sequence length, got ${shapes}`);
  }
  if (batched) {
    const batchAxis = p.batchFirst ? 0 : 1;
    if (key.shape[batchAxis] !== query.shape[batchAxis] || value.shape[batchAxis] !== query.shape[batchAxis]) {
      throw new Error(`${LAYER}: query, key and value must have the same batch size (axis ${batchAxis}${p.batchFirst ? ', batchFirst' : ''}), got ${shapes}`);
    }
  }
  return batched;
}

function checkAttnMask(mask: Tensor, batched: boolean, batch: number, numHeads: number, length: number, sourceLength: number): void {
  const twoD = [length, sourceLength];
  const threeD = [batched ? batch * numHeads : numHeads, length, sourceLength];
  if (mask.shape.join() !== twoD.join() && mask.shape.join() !== threeD.join()) {
    throw new Error(
      `${LAYER}: attnMask has shape ${formatShape(mask.shape)}; expected [L, S] = ${formatShape(twoD)} or ` +
        `[${batched ? 'N·numHeads' : 'numHeads'}, L, S] = ${formatShape(threeD)}`,
    );
  }
}

function checkKeyPaddingMask(mask: Tensor, batched: boolean, batch: number, sourceLength: number): void {
  const expected = batched ? [batch, sourceLength] : [sourceLength];
  if (mask.shape.join() !== expected.join()) {
    throw new Error(`${LAYER}: keyPaddingMask has shape ${formatShape(mask.shape)}; expected ${batched ? '[N, S]' : '[S]'} = ${formatShape(expected)}`);
  }
}
