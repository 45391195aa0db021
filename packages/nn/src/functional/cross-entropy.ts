import type { Tensor } from '@neurite/tensor';
import { tidy } from '@neurite/tensor';
import { checkReduction, reduce, type Reduction } from './reduction.js';

export interface NllLossOptions {
  /** A weight per class (shape [C]). */
  readonly weight?: Tensor | null;
  /** Targets equal to this are ignored (default -100, as PyTorch). */
  readonly ignoreIndex?: number;
  readonly reduction?: Reduction;
}

export interface CrossEntropyOptions extends NllLossOptions {
  /** Mixes the target with the uniform distribution: (1 - ε) target + ε / C. */
  readonly labelSmoothing?: number;
}

/** input [N, C, ...] with target [N, ...] (int32 class indices) or [N, C, ...] (float probabilities). */
function checkShapes(op: string, input: Tensor, target: Tensor): 'indices' | 'probabilities' {
  if (input.rank < 1) throw new Error(`${op}: input must have a class axis, got a scalar`);
  const batched = input.rank >= 2;
  const classAxisRemoved = batched ? [input.shape[0], ...input.shape.slice(2)] : [];
  if (target.dtype === 'int32') {
    if (target.shape.join() !== classAxisRemoved.join()) {
      throw new Error(`${op}: class-index target must have shape [${classAxisRemoved.join(', ')}] for input [${input.shape.join(', ')}], got [${target.shape.join(', ')}]`);
    }
    return 'indices';
  }
  if (target.dtype === 'float32') {
    if (target.shape.join() !== input.shape.join()) {
      throw new Error(`${op}: probability target must have the input's shape [${input.shape.join(', ')}], got [${target.shape.join(', ')}]`);
    }
    return 'probabilities';
  }
  throw new Error(`${op}: target must be int32 class indices or float32 probabilities, got '${target.dtype}'`);
}

/** Negative log-likelihood of class indices, given log-probabilities [N, C, ...]. */
export function nllLoss(logProbabilities: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('nllLoss', reduction);
  if (checkShapes('nllLoss', logProbabilities, target) !== 'indices') throw new Error('nllLoss: target must be int32 class indices');
  return tidy(() => weightedNll('nllLoss', logProbabilities, target, options, 0, reduction));
}

/**
 * The per-element weighted loss for index targets, reduced as PyTorch does: a weighted mean divides
 * by the summed weights of the targets that were not ignored.
 */
function weightedNll(op: string, logp: Tensor, target: Tensor, options: NllLossOptions, labelSmoothing: number, reduction: Reduction): Tensor {
  const classAxis = logp.rank >= 2 ? 1 : 0;
  const classes = logp.shape[classAxis];
  const ignoreIndex = options.ignoreIndex ?? -100;
  const kept = target.ne(ignoreIndex);
  const safeTarget = target.where(kept, 0);
  // A target outside [0, C) is found where the data is: at once on the CPU, at the next read or sync() on a queued backend.
  const label = { op, what: 'target', range: 'classes' };
  const picked = logp.gather(classAxis, safeTarget.unsqueeze(classAxis), { label }).squeeze(classAxis).neg();
  const targetWeight = options.weight ? options.weight.indexSelect(0, safeTarget.reshape([-1]), { label }).reshape(safeTarget.shape) : null;
  let losses = targetWeight ? picked.mul(targetWeight) : picked;
  if (labelSmoothing > 0) {
    const classWeights = options.weight ? options.weight.reshape([classes, ...Array(logp.rank - classAxis - 1).fill(1)]) : null;
    const smooth = (classWeights ? logp.mul(classWeights) : logp).sum(classAxis).neg();
    losses = losses.mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing / classes));
  }
  losses = losses.mul(kept);
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  const denominator = targetWeight ? targetWeight.mul(kept).sum() : kept.cast('float32').sum();
  return losses.sum().div(denominator);
}

/**
 * Cross-entropy of logits [N, C, ...] against class indices (int32 [N, ...]) or class probabilities
 * (float32 [N, C, ...]), computed through logSoftmax so large logits never overflow.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  checkReduction('crossEntropy', reduction);
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new Error(`crossEntropy: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  const kind = checkShapes('crossEntropy', input, target);
  const classAxis = input.rank >= 2 ? 1 : 0;
  return tidy(() => {
    const logp = input.logSoftmax(classAxis);
    if (kind === 'indices') return weightedNll('crossEntropy', logp, target, options, labelSmoothing, reduction);
    const classes = input.shape[classAxis];
    const smoothed = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
    const classWeights = options.weight ? options.weight.reshape([classes, ...Array(input.rank - classAxis - 1).fill(1)]) : null;
    const terms = logp.mul(smoothed);
    const losses = (classWeights ? terms.mul(classWeights) : terms).sum(classAxis).neg();
    // With probability targets PyTorch's mean divides by the batch size, whatever the weights.
    return reduce(losses, reduction);
  });
}
