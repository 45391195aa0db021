/** nn.functional: the stateless form of every layer and loss. */
export { relu, gelu, silu, sigmoid, tanh, leakyRelu, softmax, logSoftmax } from '@neurite/tensor';
export { linear, dropout, layerNorm, embedding } from './layers.js';
export type { DropoutOptions } from './layers.js';
export { crossEntropy, nllLoss } from './cross-entropy.js';
export type { CrossEntropyOptions, NllLossOptions } from './cross-entropy.js';
export { mseLoss, l1Loss, binaryCrossEntropy, binaryCrossEntropyWithLogits } from './regression.js';
export type { LossOptions, BinaryCrossEntropyOptions, BinaryCrossEntropyWithLogitsOptions } from './regression.js';
export type { Reduction } from './reduction.js';
