import { noGrad, tensor, tidy, type Tensor } from '@neurite/tensor';
import { maxPoolIndices } from '../ops/max-pool-indices.js';
import { im2col } from '../ops/im2col.js';
import { pair, type Pair, type WindowAttributes } from '../ops/window.js';

export interface PoolOptions {
  /** Defaults to the kernel size, as PyTorch. */
  readonly stride?: Pair | null;
  readonly padding?: Pair;
  readonly dilation?: Pair;
  /** Round the output size up: a last, partial window is kept if it starts inside the input or left padding. */
  readonly ceilMode?: boolean;
}

interface PoolGeometry {
  readonly attributes: WindowAttributes;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** PyTorch's pooling output size, including ceil mode's rule, and the padding that produces it. */
function geometry(op: string, input: Tensor, kernelSize: Pair, options: PoolOptions, padValue: number): PoolGeometry {
  if (input.rank !== 4) throw new Error(`${op}: input must be [N, C, H, W], got [${input.shape.join(', ')}]`);
  const kernel = pair(op, 'kernelSize', kernelSize, 1);
  const stride = pair(op, 'stride', options.stride ?? kernel, 1);
  const [ph, pw] = pair(op, 'padding', options.padding ?? 0, 0);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 1);
  if (ph > kernel[0] / 2 || pw > kernel[1] / 2) throw new Error(`${op}: padding [${ph}, ${pw}] must be at most half the kernel [${kernel.join(', ')}]`);
  const size = (length: number, k: number, s: number, p: number, d: number) => {
    const span = length + 2 * p - d * (k - 1) - 1;
    let out = (options.ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (options.ceilMode && (out - 1) * s >= length + p) out--;
    return out;
  };
  const [height, width] = [input.shape[2], input.shape[3]];
  const outHeight = size(height, kernel[0], stride[0], ph, dilation[0]);
  const outWidth = size(width, kernel[1], stride[1], pw, dilation[1]);
  if (outHeight <= 0 || outWidth <= 0) throw new Error(`${op}: the kernel [${kernel.join(', ')}] does not fit the input [${input.shape.join(', ')}]`);
  // Extra padding at the bottom/right so that im2col's floor-based size equals the ceil-mode size.
  const bottom = Math.max(ph, (outHeight - 1) * stride[0] + dilation[0] * (kernel[0] - 1) + 1 - height - ph);
  const right = Math.max(pw, (outWidth - 1) * stride[1] + dilation[1] * (kernel[1] - 1) + 1 - width - pw);
  return { attributes: { kernel, stride, padding: [ph, bottom, pw, right], dilation, padValue, inputSize: [height, width] }, outHeight, outWidth };
}

/** Windows as [N, C, kh·kw, L]. */
function windows(input: Tensor, attributes: WindowAttributes): Tensor {
  const [batch, channels] = input.shape;
  const columns = im2col([input], attributes);
  return columns.reshape([batch, channels, attributes.kernel[0] * attributes.kernel[1], -1]);
}

/**
 * Max pooling: a gather at each window's first maximum (cnn.maxPoolIndices), so the gradient goes to
 * that element only, as PyTorch's does, and flows back through the gather's scatter-add.
 */
export function maxPool2d(input: Tensor, kernelSize: Pair, options: PoolOptions = {}): Tensor {
  const { attributes, outHeight, outWidth } = geometry('maxPool2d', input, kernelSize, options, -Infinity);
  const [batch, channels, height, width] = input.shape;
  return tidy(() => {
    const positions = noGrad(() => maxPoolIndices([input], attributes));
    return input.reshape([batch, channels, height * width]).gather(2, positions).reshape([batch, channels, outHeight, outWidth]);
  });
}

export interface AvgPoolOptions extends Omit<PoolOptions, 'dilation'> {
  /** Count padding zeros in each window's average (default true, as PyTorch). */
  readonly countIncludePad?: boolean;
  /** Divide by this instead of the window size. */
  readonly divisorOverride?: number | null;
}

/** Average pooling with PyTorch's divisors (padding counted or not; ceil-mode windows clipped). */
export function avgPool2d(input: Tensor, kernelSize: Pair, options: AvgPoolOptions = {}): Tensor {
  const { attributes, outHeight, outWidth } = geometry('avgPool2d', input, kernelSize, options, 0);
  const divisors = new Float32Array(outHeight * outWidth);
  const [kh, kw] = attributes.kernel;
  const [sh, sw] = attributes.stride;
  const [ph, , pw] = attributes.padding;
  const [height, width] = attributes.inputSize;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let [top, left] = [oy * sh - ph, ox * sw - pw];
      let [bottom, right] = [Math.min(top + kh, height + ph), Math.min(left + kw, width + pw)];
      let count = (bottom - top) * (right - left);
      if (options.countIncludePad === false) {
        [top, left, bottom, right] = [Math.max(top, 0), Math.max(left, 0), Math.min(bottom, height), Math.min(right, width)];
        count = (bottom - top) * (right - left);
      }
      divisors[oy * outWidth + ox] = options.divisorOverride ?? count;
    }
  }
  return tidy(() =>
    windows(input, attributes)
      .sum(2)
      .div(tensor(divisors, [outHeight * outWidth]))
      .reshape([input.shape[0], input.shape[1], outHeight, outWidth]),
  );
}

/** PyTorch's adaptive windows: output i averages input [floor(i·n/out), ceil((i+1)·n/out)). */
function averagingMatrix(inputLength: number, outputLength: number): Float32Array {
  const matrix = new Float32Array(outputLength * inputLength);
  for (let i = 0; i < outputLength; i++) {
    const start = Math.floor((i * inputLength) / outputLength);
    const end = Math.ceil(((i + 1) * inputLength) / outputLength);
    for (let k = start; k < end; k++) matrix[i * inputLength + k] = 1 / (end - start);
  }
  return matrix;
}

/**
 * Adaptive average pooling to `outputSize`. Its windows are separable, so it is two small matmuls
 * with averaging matrices: rows then columns.
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: Pair): Tensor {
  if (input.rank !== 4) throw new Error(`adaptiveAvgPool2d: input must be [N, C, H, W], got [${input.shape.join(', ')}]`);
  const [outHeight, outWidth] = pair('adaptiveAvgPool2d', 'outputSize', outputSize, 1);
  const [height, width] = [input.shape[2], input.shape[3]];
  return tidy(() => {
    const rows = tensor(averagingMatrix(height, outHeight), [outHeight, height]);
    const columns = tensor(averagingMatrix(width, outWidth), [outWidth, width]);
    return rows.matmul(input).matmul(columns, { transposeB: true });
  });
}
