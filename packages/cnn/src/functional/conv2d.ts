import { tidy, type Tensor } from '@neurite/tensor';
import { im2col } from '../ops/im2col.js';
import { unfoldedProduct } from '../ops/unfolded-product.js';
import { pair, windowOutputSize, type Pair, type WindowAttributes } from '../ops/window.js';

export type Padding = Pair | 'same' | 'valid';

export interface Conv2dOptions {
  readonly stride?: Pair;
  /** A number, a [height, width] pair, 'valid' (none) or 'same' (output as large as the input; stride 1 only). */
  readonly padding?: Padding;
  readonly dilation?: Pair;
  /** Channel groups: each group of input channels feeds its own outputs; groups = channels is depthwise. */
  readonly groups?: number;
}

/** Resolves padding to [top, bottom, left, right]; 'same' pads the extra pixel at the end, as PyTorch. */
export function resolvePadding(op: string, padding: Padding, kernel: readonly [number, number], dilation: readonly [number, number], stride: readonly [number, number]): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) throw new Error(`${op}: padding 'same' needs stride 1, got [${stride.join(', ')}]`);
    const total = kernel.map((k, i) => dilation[i] * (k - 1));
    return [Math.floor(total[0] / 2), total[0] - Math.floor(total[0] / 2), Math.floor(total[1] / 2), total[1] - Math.floor(total[1] / 2)];
  }
  const [ph, pw] = pair(op, 'padding', padding, 0);
  return [ph, ph, pw, pw];
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with weight [O, C/groups, kh, kw]:
 * the input's windows are unfolded with im2col and multiplied by the weight with the blocked matmul.
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
  if (input.rank !== 4) throw new Error(`conv2d: input must be [N, C, H, W], got [${input.shape.join(', ')}]`);
  if (weight.rank !== 4) throw new Error(`conv2d: weight must be [out, in/groups, kh, kw], got [${weight.shape.join(', ')}]`);
  const groups = options.groups ?? 1;
  const [batch, channels, height, width] = input.shape;
  const [outChannels, groupChannels, kh, kw] = weight.shape;
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0 || outChannels % groups !== 0) {
    throw new Error(`conv2d: groups ${groups} must divide the input channels ${channels} and the output channels ${outChannels}`);
  }
  if (groupChannels !== channels / groups) {
    throw new Error(`conv2d: weight [${weight.shape.join(', ')}] expects ${groupChannels * groups} input channels (with groups ${groups}), the input [${input.shape.join(', ')}] has ${channels}`);
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== outChannels)) throw new Error(`conv2d: bias must be [${outChannels}], got [${bias.shape.join(', ')}]`);
  const stride = pair('conv2d', 'stride', options.stride ?? 1, 1);
  const dilation = pair('conv2d', 'dilation', options.dilation ?? 1, 1);
  const padding = resolvePadding('conv2d', options.padding ?? 0, [kh, kw], dilation, stride);
  const attributes: WindowAttributes = { kernel: [kh, kw], stride, padding, dilation, padValue: 0, inputSize: [height, width] };
  const [outHeight, outWidth] = windowOutputSize(attributes);
  return tidy(() => {
    const columns = im2col([input], attributes); // [N, C·kh·kw, L]
    const patch = groupChannels * kh * kw;
    let output: Tensor;
    if (groups === 1) {
      output = unfoldedProduct([weight.reshape([outChannels, patch]), columns], {}); // [O, K] @ [N, K, L] → [N, O, L]
    } else {
      const grouped = columns.reshape([batch, groups, patch, outHeight * outWidth]);
      output = weight.reshape([groups, outChannels / groups, patch]).matmul(grouped).reshape([batch, outChannels, outHeight * outWidth]);
    }
    if (bias) output = output.add(bias.reshape([outChannels, 1]));
    return output.reshape([batch, outChannels, outHeight, outWidth]);
  });
}
