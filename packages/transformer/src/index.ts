export { scaledDotProductAttention } from './attention/scaled-dot-product-attention.js';
export type { ScaledDotProductAttentionOptions } from './attention/scaled-dot-product-attention.js';
export { multiHeadAttentionForward } from './attention/multi-head-attention-forward.js';
export type { MultiheadAttentionForwardOptions, MultiheadAttentionParameters } from './attention/multi-head-attention-forward.js';
export { generateSquareSubsequentMask } from './attention/masks.js';

export { MultiheadAttention } from './multihead-attention.js';
export type { MultiheadAttentionOptions } from './multihead-attention.js';
export { TransformerEncoderLayer } from './transformer-encoder-layer.js';
export type { TransformerEncoderLayerForwardOptions } from './transformer-encoder-layer.js';
export { TransformerDecoderLayer } from './transformer-decoder-layer.js';
export type { TransformerDecoderLayerForwardOptions } from './transformer-decoder-layer.js';
export type { TransformerLayerOptions, TransformerActivation, ResolvedLayerOptions } from './layer-options.js';
export { TransformerEncoder } from './transformer-encoder.js';
export type { TransformerEncoderOptions, TransformerEncoderForwardOptions } from './transformer-encoder.js';
export { PositionalEncoding } from './positional-encoding.js';
export type { PositionalEncodingOptions } from './positional-encoding.js';

export { transformerPlugin } from './plugin.js';
