import { Generator, tensor } from '@neurite/tensor';
import { randomPermutation } from './permutation.js';
import { TensorDataset } from './tensor-dataset.js';
import type { Tensor } from '@neurite/tensor';

/** One MNIST example: `input` float32 `[1, 28, 28]` in [0, 1], `target` an int32 label 0-9. */
export type MnistItem = { input: Tensor; target: Tensor };

/** Decoded images before they become tensors: row-major pixels in [0, 1] and one label each. */
export interface MnistArrays {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** `count * rows * cols` values. */
  readonly pixels: Float32Array;
  readonly labels: Int32Array | Uint8Array;
}

/** A TensorDataset of images `[N, 1, rows, cols]` (NCHW, ready for a CNN) and int32 labels `[N]`. */
export function toDataset(arrays: MnistArrays): TensorDataset<MnistItem> {
  const { count, rows, cols } = arrays;
  return new TensorDataset<MnistItem>({
    input: tensor(arrays.pixels, [count, 1, rows, cols], 'float32'),
    target: tensor(Int32Array.from(arrays.labels), [count], 'int32'),
  });
}

/** The images at `order`, copied into new arrays (the split of the embedded digits). */
export function pick(arrays: MnistArrays, order: Int32Array): MnistArrays {
  const imageSize = arrays.rows * arrays.cols;
  const pixels = new Float32Array(order.length * imageSize);
  const labels = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const source = order[i];
    pixels.set(arrays.pixels.subarray(source * imageSize, (source + 1) * imageSize), i * imageSize);
    labels[i] = arrays.labels[source];
  }
  return { count: order.length, rows: arrays.rows, cols: arrays.cols, pixels, labels };
}

/** Shuffles all images with `Generator(seed)` and cuts the order into a train part and a test part. */
export function seededSplit(arrays: MnistArrays, trainCount: number, seed: number): { train: MnistArrays; test: MnistArrays } {
  const order = randomPermutation(arrays.count, new Generator(seed));
  return { train: pick(arrays, order.subarray(0, trainCount)), test: pick(arrays, order.subarray(trainCount)) };
}
