import type { Tensor } from '@neurite/tensor';
import { tidy } from '@neurite/tensor';
import { checkReduction, checkSameShape, reduce, type Reduction } from './reduction.js';

export interface LossOptions {
  readonly reduction?: Reduction;
}

export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('mseLoss', reduction);
  checkSameShape('mseLoss', input, target);
  return tidy(() => reduce(input.sub(target).square(), reduction));
}

export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('l1Loss', reduction);
  checkSameShape('l1Loss', input, target);
  return tidy(() => reduce(input.sub(target).abs(), reduction));
}

export interface BinaryCrossEntropyOptions extends LossOptions {
  /** A weight per element, broadcast against the input. */
  readonly weight?: Tensor | null;
}

/** BCE of probabilities; logs are clamped at -100 as PyTorch does, so 0 and 1 give finite losses. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('binaryCrossEntropy', reduction);
  checkSameShape('binaryCrossEntropy', input, target);
  return tidy(() => {
    const logP = input.log().clamp(-100);
    const logNotP = input.neg().add(1).log().clamp(-100);
    let losses = target.mul(logP).add(target.neg().add(1).mul(logNotP)).neg();
    if (options.weight) losses = losses.mul(options.weight);
    return reduce(losses, reduction);
  });
}

export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /** A weight for positive examples, per class (broadcast against the last axis). */
  readonly posWeight?: Tensor | null;
}

/**
 * BCE of logits, stable for any magnitude: max(x, 0) - x t + log(1 + e^-|x|), and with a positive
 * weight p: (1 - t) x + (1 + (p - 1) t) (log(1 + e^-|x|) + max(-x, 0)).
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BinaryCrossEntropyWithLogitsOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('binaryCrossEntropyWithLogits', reduction);
  checkSameShape('binaryCrossEntropyWithLogits', input, target);
  return tidy(() => {
    const softplusOfNegativeAbs = input.abs().neg().exp().log1p();
    let losses: Tensor;
    if (options.posWeight) {
      const scale = options.posWeight.sub(1).mul(target).add(1);
      losses = target.neg().add(1).mul(input).add(scale.mul(softplusOfNegativeAbs.add(input.neg().relu())));
    } else {
      losses = input.relu().sub(input.mul(target)).add(softplusOfNegativeAbs);
    }
    if (options.weight) losses = losses.mul(options.weight);
    return reduce(losses, reduction);
  });
}
