import type { ExtensionConformanceCase } from '@neurite/backend/conformance';
import type { Backend } from '@neurite/tensor';
import { col2imOp, im2col } from './ops/im2col.js';
import { maxPoolIndices } from './ops/max-pool-indices.js';
import { weightGradient } from './ops/weight-gradient.js';
import type { WindowAttributes } from './ops/window.js';

/** This plugin's kernel cases for the backend conformance kit (used by the kernel tests only). */
const window: WindowAttributes = { kernel: [3, 3], stride: [2, 1], padding: [1, 1, 0, 2], dilation: [1, 2], padValue: 0, inputSize: [7, 6] };
const unpadded: WindowAttributes = { kernel: [5, 5], stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], padValue: 0, inputSize: [12, 11] };
const unpaddedStrided: WindowAttributes = { kernel: [3, 3], stride: [2, 1], padding: [0, 0, 0, 0], dilation: [2, 1], padValue: 0, inputSize: [13, 10] };
export const kernelCases: ExtensionConformanceCase[] = [
  { name: 'cnn.im2col strided, dilated, padded', kernel: 'cnn.im2col', inputs: [{ shape: [2, 3, 7, 6], dtype: 'float32', values: 'normal' }], attributes: { ...window }, output: { shape: [2, 27, 4 * 4], dtype: 'float32' } },
  { name: 'cnn.im2col with -Infinity padding', kernel: 'cnn.im2col', inputs: [{ shape: [1, 2, 7, 6], dtype: 'float32', values: 'normal' }], attributes: { ...window, padValue: -Infinity }, output: { shape: [1, 18, 16], dtype: 'float32' } },
  // 4.7 million columns: more workgroups of 64 than one grid dimension allows (65535).
  { name: 'cnn.im2col of a batch larger than one grid row', kernel: 'cnn.im2col', inputs: [{ shape: [64, 8, 32, 32], dtype: 'float32', values: 'normal' }], attributes: { kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], padValue: 0, inputSize: [32, 32] }, output: { shape: [64, 72, 1024], dtype: 'float32' } },
  // Stride 2 along rows long enough for the wasm form's two-vectors-and-shuffle path (pooling).
  { name: 'cnn.im2col 2x2 stride 2 (max pooling)', kernel: 'cnn.im2col', inputs: [{ shape: [2, 3, 12, 26], dtype: 'float32', values: 'normal' }], attributes: { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], dilation: [1, 1], padValue: -Infinity, inputSize: [12, 26] }, output: { shape: [2, 12, 6 * 13], dtype: 'float32' } },
  { name: 'cnn.im2col 3x3 stride 2, padded, odd width', kernel: 'cnn.im2col', inputs: [{ shape: [1, 2, 11, 17], dtype: 'float32', values: 'normal' }], attributes: { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], dilation: [1, 1], padValue: -Infinity, inputSize: [11, 17] }, output: { shape: [1, 18, 6 * 9], dtype: 'float32' } },
  // Unpadded, stride 1 along rows: the wasm forms' bounds-free loops (odd output widths for the vector tails).
  { name: 'cnn.im2col unpadded 5x5 (a convolution)', kernel: 'cnn.im2col', inputs: [{ shape: [2, 3, 12, 11], dtype: 'float32', values: 'normal' }], attributes: { ...unpadded }, output: { shape: [2, 75, 8 * 7], dtype: 'float32' } },
  { name: 'cnn.im2col unpadded, row stride 2, dilated', kernel: 'cnn.im2col', inputs: [{ shape: [1, 2, 13, 10], dtype: 'float32', values: 'normal' }], attributes: { ...unpaddedStrided }, output: { shape: [1, 18, 5 * 8], dtype: 'float32' } },
  { name: 'cnn.col2im unpadded 5x5', kernel: 'cnn.col2im', inputs: [{ shape: [2, 75, 8 * 7], dtype: 'float32', values: 'normal' }], attributes: { ...unpadded, channels: 3 }, output: { shape: [2, 3, 12, 11], dtype: 'float32' } },
  { name: 'cnn.col2im unpadded, row stride 2, dilated', kernel: 'cnn.col2im', inputs: [{ shape: [1, 18, 5 * 8], dtype: 'float32', values: 'normal' }], attributes: { ...unpaddedStrided, channels: 2 }, output: { shape: [1, 2, 13, 10], dtype: 'float32' } },
  // A convolution's weight gradient summed over the batch: odd sizes for every tile edge and depth tail.
  { name: 'cnn.weightGradient, odd sizes', kernel: 'cnn.weightGradient', inputs: [{ shape: [3, 5, 37], dtype: 'float32', values: 'normal' }, { shape: [3, 7, 37], dtype: 'float32', values: 'normal' }], attributes: {}, output: { shape: [5, 7], dtype: 'float32' }, tolerance: { atol: 1e-3, rtol: 1e-5 } },
  { name: 'cnn.weightGradient, 19 images (blocks of 8 and a partial one)', kernel: 'cnn.weightGradient', inputs: [{ shape: [19, 3, 13], dtype: 'float32', values: 'normal' }, { shape: [19, 5, 13], dtype: 'float32', values: 'normal' }], attributes: {}, output: { shape: [3, 5], dtype: 'float32' }, tolerance: { atol: 1e-3, rtol: 1e-5 } },
  { name: 'cnn.weightGradient, 2 images of 16 x 64', kernel: 'cnn.weightGradient', inputs: [{ shape: [2, 16, 64], dtype: 'float32', values: 'normal' }, { shape: [2, 24, 64], dtype: 'float32', values: 'normal' }], attributes: {}, output: { shape: [16, 24], dtype: 'float32' }, tolerance: { atol: 1e-3, rtol: 1e-5 } },
  { name: 'cnn.col2im (overlapping windows add)', kernel: 'cnn.col2im', inputs: [{ shape: [2, 27, 16], dtype: 'float32', values: 'normal' }], attributes: { ...window, channels: 3 }, output: { shape: [2, 3, 7, 6], dtype: 'float32' } },
  // Max pooling's positions: ties (small integers), NaN and infinities, padding, dilation, ceil-mode-like extra padding.
  { name: 'cnn.maxPoolIndices 2x2 stride 2 with ties', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [2, 3, 12, 26], dtype: 'float32', values: 'integers' }], attributes: { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], dilation: [1, 1], padValue: -Infinity, inputSize: [12, 26] }, output: { shape: [2, 3, 6 * 13], dtype: 'int32' } },
  { name: 'cnn.maxPoolIndices 3x3 stride 2, padded, with NaN and infinities', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [2, 2, 11, 17], dtype: 'float32', values: 'special' }], attributes: { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], dilation: [1, 1], padValue: -Infinity, inputSize: [11, 17] }, output: { shape: [2, 2, 6 * 9], dtype: 'int32' } },
  { name: 'cnn.maxPoolIndices 2x2 stride 2 with NaN and infinities', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [1, 3, 9, 30], dtype: 'float32', values: 'special' }], attributes: { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], dilation: [1, 1], padValue: -Infinity, inputSize: [9, 30] }, output: { shape: [1, 3, 4 * 15], dtype: 'int32' } },
  { name: 'cnn.maxPoolIndices 3x3 stride 1, padded, with NaN and infinities', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [2, 2, 8, 21], dtype: 'float32', values: 'special' }], attributes: { kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], padValue: -Infinity, inputSize: [8, 21] }, output: { shape: [2, 2, 8 * 21], dtype: 'int32' } },
  { name: 'cnn.maxPoolIndices 2x3 stride 2, dilation 2, with ties', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [1, 2, 10, 31], dtype: 'float32', values: 'integers' }], attributes: { kernel: [2, 3], stride: [2, 2], padding: [0, 1, 0, 1], dilation: [1, 2], padValue: -Infinity, inputSize: [10, 31] }, output: { shape: [1, 2, 5 * 14], dtype: 'int32' } },
  { name: 'cnn.maxPoolIndices dilated, uneven padding', kernel: 'cnn.maxPoolIndices', inputs: [{ shape: [1, 3, 7, 6], dtype: 'float32', values: 'normal' }], attributes: { ...window, padValue: -Infinity }, output: { shape: [1, 3, 4 * 4], dtype: 'int32' } },
];

/** Registers the kernels of this plugin on a backend (the kit's prepare hook). */
export function registerKernels(backend: Backend): void {
  im2col.registerOn(backend);
  col2imOp.registerOn(backend);
  maxPoolIndices.registerOn(backend);
  weightGradient.registerOn(backend);
}
