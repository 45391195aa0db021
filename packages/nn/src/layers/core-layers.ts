import type { LayerClass } from '../serialization/layer-config.js';
import { Linear } from './linear.js';
import { ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, Softmax, LogSoftmax } from './activations.js';
import { Identity, Flatten, Dropout } from './shape-layers.js';
import { LayerNorm, Embedding } from './normalization.js';
import { Sequential, ModuleList } from './containers.js';

/** The layers `loadModel` always knows. */
export const coreLayers: readonly LayerClass[] = [
  Linear, ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, Softmax, LogSoftmax, Identity, Flatten, Dropout, LayerNorm, Embedding, Sequential, ModuleList,
];
