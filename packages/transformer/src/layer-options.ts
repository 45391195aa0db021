import type { Tensor } from '@neurite/tensor';

/** The activation of the feed-forward block. Functions cannot be saved by saveModel, so it is named. */
export type TransformerActivation = 'relu' | 'gelu';

/** Options shared by TransformerEncoderLayer and TransformerDecoderLayer (PyTorch's, camelCase). */
export interface TransformerLayerOptions {
  /** Width of the feed-forward block (default 2048). */
  readonly dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block (default 0.1). */
  readonly dropout?: number;
  /** Default 'relu'. */
  readonly activation?: TransformerActivation;
  /** LayerNorm epsilon (default 1e-5). */
  readonly layerNormEps?: number;
  /** Inputs and outputs are `[N, L, E]` rather than `[L, N, E]` (default false, as PyTorch). */
  readonly batchFirst?: boolean;
  /** Pre-norm: LayerNorm before each block instead of after the residual sum (default false). */
  readonly normFirst?: boolean;
  /** Biases in the Linear and LayerNorm layers and in attention (default true). */
  readonly bias?: boolean;
}

/** The options with every default filled in: what getConfig saves. */
export type ResolvedLayerOptions = { readonly [K in keyof TransformerLayerOptions]-?: NonNullable<TransformerLayerOptions[K]> };

export function resolveLayerOptions(layer: string, dModel: number, nhead: number, options: TransformerLayerOptions): ResolvedLayerOptions {
  for (const [name, value] of [['dModel', dModel], ['nhead', nhead], ['dimFeedforward', options.dimFeedforward ?? 2048]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${layer}: ${name} must be a positive integer, got ${value}`);
  }
  if (dModel % nhead !== 0) throw new Error(`${layer}: dModel (${dModel}) must be divisible by nhead (${nhead})`);
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'gelu') {
    throw new Error(`${layer}: activation must be 'relu' or 'gelu', got '${String(activation)}'`);
  }
  return {
    dimFeedforward: options.dimFeedforward ?? 2048,
    dropout: options.dropout ?? 0.1,
    activation,
    layerNormEps: options.layerNormEps ?? 1e-5,
    batchFirst: options.batchFirst ?? false,
    normFirst: options.normFirst ?? false,
    bias: options.bias ?? true,
  };
}

export function activate(x: Tensor, activation: TransformerActivation): Tensor {
  // PyTorch's F.gelu default: the exact (erf) form, not the tanh approximation.
  return activation === 'gelu' ? x.gelu() : x.relu();
}

/** The sub-layers of the feed-forward block, as both layer types hold them (PyTorch's names). */
export interface FeedForwardLayers {
  readonly linear1: { forward(x: Tensor): Tensor };
  readonly dropout: { forward(x: Tensor): Tensor };
  readonly linear2: { forward(x: Tensor): Tensor };
}

/** PyTorch's `_ff_block` without its final dropout: linear2(dropout(activation(linear1(x)))). */
export function feedForward(layers: FeedForwardLayers, x: Tensor, activation: TransformerActivation): Tensor {
  return layers.linear2.forward(layers.dropout.forward(activate(layers.linear1.forward(x), activation)));
}
