import type { NeuritePlugin } from '@neurite/nn';
import { MultiheadAttention } from './multihead-attention.js';
import { TransformerEncoderLayer } from './transformer-encoder-layer.js';
import { TransformerDecoderLayer } from './transformer-decoder-layer.js';
import { TransformerEncoder } from './transformer-encoder.js';
import { PositionalEncoding } from './positional-encoding.js';

/**
 * The layers of this package, for `nn.loadModel(bytes, { plugins: [transformerPlugin] })`. Nothing
 * registers itself on import: a model file names its layers' plugin, and you pass the plugin in.
 */
export const transformerPlugin: NeuritePlugin = {
  name: '@neurite/transformer',
  layers: [MultiheadAttention, TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, PositionalEncoding],
};
