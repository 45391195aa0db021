import { loadModel as loadCoreModel, type AnyModule, type LoadModelOptions } from '@neurite/nn';
import { cnnPlugin } from '@neurite/cnn';
import { rnnPlugin } from '@neurite/rnn';
import { transformerPlugin } from '@neurite/transformer';

/**
 * `nn` of the umbrella: the core layers and the layers of the first-party plugins (Conv2d, LSTM,
 * MultiheadAttention, …) in one namespace, as PyTorch users expect.
 */
export * from '@neurite/nn';
export { Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm2d, Dropout2d, cnnPlugin } from '@neurite/cnn';
export type { Conv2dLayerOptions, BatchNorm2dOptions } from '@neurite/cnn';
export { RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, RecurrentLayer, rnnPlugin } from '@neurite/rnn';
export type { RNNOptions, LSTMState, RecurrentOptions, RecurrentForwardOptions } from '@neurite/rnn';
export {
  MultiheadAttention, TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, PositionalEncoding, transformerPlugin,
  generateSquareSubsequentMask,
} from '@neurite/transformer';
export type { MultiheadAttentionOptions, TransformerLayerOptions, TransformerEncoderOptions, PositionalEncodingOptions } from '@neurite/transformer';
export * as functional from './functional.js';

/** The first-party plugins, which the umbrella's `loadModel` always knows. */
export const firstPartyPlugins = [cnnPlugin, rnnPlugin, transformerPlugin] as const;

/** `nn.loadModel` that also rebuilds the layers of the first-party plugins, and of any plugins passed. */
export function loadModel(bytes: Uint8Array, options: LoadModelOptions = {}): AnyModule {
  return loadCoreModel(bytes, { ...options, plugins: [...firstPartyPlugins, ...(options.plugins ?? [])] });
}
