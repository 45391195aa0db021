/**
 * The geometry of a sliding window over the last two axes of an NCHW tensor, shared by
 * convolution and pooling: kernel, stride, padding (top, bottom, left, right), dilation.
 */
export interface WindowAttributes {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number, number, number];
  readonly dilation: readonly [number, number];
  /** The value read outside the input: 0 for convolution, -Infinity for max pooling. */
  readonly padValue: number;
  /** The input's [height, width] (col2im needs it to size its output). */
  readonly inputSize: readonly [number, number];
}

/** Output [height, width] of the window over the (padded) input. */
export function windowOutputSize(attributes: WindowAttributes): [number, number] {
  const { kernel, stride, padding, dilation, inputSize } = attributes;
  const height = Math.floor((inputSize[0] + padding[0] + padding[1] - dilation[0] * (kernel[0] - 1) - 1) / stride[0]) + 1;
  const width = Math.floor((inputSize[1] + padding[2] + padding[3] - dilation[1] * (kernel[1] - 1) - 1) / stride[1]) + 1;
  return [height, width];
}

/** A number or pair, as PyTorch takes kernel sizes, strides and dilations. */
export type Pair = number | readonly [number, number];

export function pair(op: string, name: string, value: Pair, minimum: number): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  for (const v of [a, b]) {
    if (!Number.isInteger(v) || v < minimum) throw new Error(`${op}: ${name} must be an integer >= ${minimum} or a pair of them, got ${JSON.stringify(value)}`);
  }
  return [a, b];
}

/** A shape as error messages print it: [2, 3, 4]. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks that `shape`/`dtype` is a float32 [N, C, H, W] image the window fits, in the words of
 * `op`; returns the output's [height, width].
 */
export function checkedWindowOutput(op: string, shape: readonly number[], dtype: string, attributes: WindowAttributes): [number, number] {
  if (shape.length !== 4 || dtype !== 'float32') throw new Error(`${op}: expected a float32 [N, C, H, W] tensor, got ${dtype} ${shapeText(shape)}`);
  const [outHeight, outWidth] = windowOutputSize(attributes);
  if (outHeight <= 0 || outWidth <= 0) throw new Error(`${op}: the window does not fit the input ${shapeText(shape)} (output would be ${outHeight}x${outWidth})`);
  return [outHeight, outWidth];
}
