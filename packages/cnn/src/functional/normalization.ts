import { defaultGenerator, noGrad, rand, tidy, type Generator, type Tensor } from '@neurite/tensor';

export interface BatchNormOptions {
  readonly training?: boolean;
  readonly momentum?: number | null;
  readonly eps?: number;
}

export interface BatchNormResult {
  readonly output: Tensor;
  /** The updated running statistics (training with running statistics only); the caller stores them. */
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
}

/**
 * Batch normalisation over N, H, W for each channel of x [N, C, H, W] (or over N for [N, C]).
 * Training normalises with the batch's biased variance and moves the running statistics toward the
 * batch's mean and unbiased variance by `momentum` (null: a cumulative average, given the count of
 * batches so far); eval normalises with the running statistics.
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  options: BatchNormOptions & { readonly batchesTracked?: Tensor | null } = {},
): BatchNormResult {
  const { training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.rank !== 2 && input.rank !== 4) throw new Error(`batchNorm: input must be [N, C] or [N, C, H, W], got [${input.shape.join(', ')}]`);
  const channels = input.shape[1];
  for (const [name, t] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t && (t.rank !== 1 || t.shape[0] !== channels)) throw new Error(`batchNorm: ${name} must be [${channels}], got [${t.shape.join(', ')}]`);
  }
  const axes = input.rank === 4 ? [0, 2, 3] : [0];
  const view = input.rank === 4 ? [1, channels, 1, 1] : [1, channels];
  const count = input.size / channels;
  if (training && count <= 1) throw new Error(`batchNorm: training needs more than one value per channel, got input [${input.shape.join(', ')}]`);
  return tidy(() => {
    let mean: Tensor;
    let variance: Tensor;
    let newMean: Tensor | null = null;
    let newVar: Tensor | null = null;
    if (training || !runningMean || !runningVar) {
      mean = input.mean(axes, true);
      variance = input.sub(mean).square().mean(axes, true);
      if (training && runningMean && runningVar) {
        // momentum null: a cumulative average, 1 / (batches so far + 1), kept as a tensor so that
        // nothing is read back from the device.
        const factor: Tensor | number = momentum ?? (options.batchesTracked ? options.batchesTracked.cast('float32').add(1).reciprocal() : 1);
        const keep = typeof factor === 'number' ? 1 - factor : factor.neg().add(1);
        [newMean, newVar] = noGrad(() => [
          runningMean.mul(keep).add(mean.reshape([channels]).mul(factor)),
          runningVar.mul(keep).add(variance.reshape([channels]).mul(factor).mul(count / (count - 1))),
        ]);
      }
    } else {
      mean = runningMean.reshape(view);
      variance = runningVar.reshape(view);
    }
    let output = input.sub(mean).mul(variance.add(eps).rsqrt());
    if (weight) output = output.mul(weight.reshape(view));
    if (bias) output = output.add(bias.reshape(view));
    return { output, runningMean: newMean, runningVar: newVar };
  });
}

/** Zeroes whole channels of x [N, C, H, W] with probability p in training, scaling the rest by 1/(1-p). */
export function dropout2d(input: Tensor, p = 0.5, options: { readonly training?: boolean; readonly generator?: Generator } = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout2d: p must be in [0, 1], got ${p}`);
  if (input.rank !== 4 && input.rank !== 3) throw new Error(`dropout2d: input must be [N, C, H, W] or [C, H, W], got [${input.shape.join(', ')}]`);
  if (!(options.training ?? true) || p === 0) return input.clone();
  if (p === 1) return input.mul(0);
  const maskShape = input.shape.map((d, i) => (i < input.rank - 2 ? d : 1));
  return tidy(() => input.mul(rand(maskShape, { generator: options.generator ?? defaultGenerator }).ge(p)).mul(1 / (1 - p)));
}
