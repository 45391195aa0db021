import type { NeuritePlugin } from '@neurite/nn';
import { Conv2d } from './layers/conv2d.js';
import { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './layers/pooling.js';
import { BatchNorm2d } from './layers/batch-norm.js';
import { Dropout2d } from './layers/dropout2d.js';
import { PLUGIN_NAME } from './layers/plugin-name.js';

export { Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm2d, Dropout2d };
export type { Conv2dLayerOptions } from './layers/conv2d.js';
export type { BatchNorm2dOptions } from './layers/batch-norm.js';
/** Flatten is a core layer; re-exported so a CNN can be built from this package alone. */
export { Flatten } from '@neurite/nn';

export { conv2d } from './functional/conv2d.js';
export type { Conv2dOptions, Padding } from './functional/conv2d.js';
export { maxPool2d, avgPool2d, adaptiveAvgPool2d } from './functional/pooling.js';
export type { PoolOptions, AvgPoolOptions } from './functional/pooling.js';
export { batchNorm, dropout2d } from './functional/normalization.js';
export type { BatchNormOptions, BatchNormResult } from './functional/normalization.js';
export { im2col, col2im } from './ops/im2col.js';
export type { WindowAttributes, Pair } from './ops/window.js';

/** Pass to `nn.loadModel(bytes, { plugins: [cnnPlugin] })` to rebuild models with these layers. */
export const cnnPlugin: NeuritePlugin = {
  name: PLUGIN_NAME,
  layers: [Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm2d, Dropout2d],
};
