import type { Tensor } from '@neurite/tensor';
import { noGrad, rand, randn, full, tidy, type Generator } from '@neurite/tensor';
import { calculateGain, fans, type Nonlinearity } from './fan.js';

/**
 * PyTorch's nn.init, drawn from the seeded RNG. Each fills `tensor` in place (via `assign`) and
 * returns it; the trailing underscore marks the in-place update, as in PyTorch.
 */

export interface InitOptions {
  readonly generator?: Generator;
}

function fill(tensor: Tensor, make: () => Tensor): Tensor {
  noGrad(() => tidy(() => {
    tensor.assign(make());
  }));
  return tensor;
}

export function uniform_(tensor: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  return fill(tensor, () => rand(tensor.shape, options).mul(high - low).add(low));
}

export function normal_(tensor: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  return fill(tensor, () => randn(tensor.shape, options).mul(std).add(mean));
}

export function constant_(tensor: Tensor, value: number): Tensor {
  return fill(tensor, () => full(tensor.shape, value, tensor.dtype));
}

export const zeros_ = (tensor: Tensor): Tensor => constant_(tensor, 0);
export const ones_ = (tensor: Tensor): Tensor => constant_(tensor, 1);

export function xavierUniform_(tensor: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(tensor.shape, 'xavierUniform_');
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(tensor, -bound, bound, options);
}

export function xavierNormal_(tensor: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(tensor.shape, 'xavierNormal_');
  return normal_(tensor, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), options);
}

export interface KaimingOptions extends InitOptions {
  /** The negative slope of the rectifier after this layer (leaky_relu only). */
  readonly a?: number;
  readonly mode?: 'fanIn' | 'fanOut';
  readonly nonlinearity?: Nonlinearity;
}

function kaimingStd(tensor: Tensor, caller: string, options: KaimingOptions): number {
  const { fanIn, fanOut } = fans(tensor.shape, caller);
  const fan = (options.mode ?? 'fanIn') === 'fanIn' ? fanIn : fanOut;
  return calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0) / Math.sqrt(fan);
}

export function kaimingUniform_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(tensor, 'kaimingUniform_', options);
  return uniform_(tensor, -bound, bound, options);
}

export function kaimingNormal_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  return normal_(tensor, 0, kaimingStd(tensor, 'kaimingNormal_', options), options);
}
