import { Tensor, div, noGrad, stack, tidy, zeros } from '@neurite/tensor';

export interface ClipGradNormOptions {
  /** Order of the norm: any p > 0, or Infinity for the largest absolute value. Default 2. */
  normType?: number;
}

/** The parameters as an array (an iterable may be single-use), checked. */
function parameterList(params: Tensor | Iterable<Tensor>, caller: string): Tensor[] {
  const list = params instanceof Tensor ? [params] : [...params];
  list.forEach((param, i) => {
    if (!(param instanceof Tensor)) throw new Error(`${caller}: parameter ${i} is not a Tensor`);
  });
  return list;
}

function vectorNorm(x: Tensor, normType: number): Tensor {
  if (normType === Infinity) return x.abs().max();
  if (normType === 2) return x.square().sum().sqrt();
  if (normType === 1) return x.abs().sum();
  return x.abs().pow(normType).sum().pow(1 / normType);
}

/**
 * Scales the gradients of `params` together so that their joint norm is at most `maxNorm`, and
 * returns that norm (before clipping) as a scalar tensor the caller owns.
 *
 * Nothing is read back: the scale `min(1, maxNorm / (total + 1e-6))` stays a tensor and every
 * gradient is multiplied by it, even when it is 1, as PyTorch's foreach version does, so the same
 * code runs on backends that read asynchronously. Parameters without a gradient are skipped.
 */
export function clipGradNorm(params: Tensor | Iterable<Tensor>, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const { normType = 2 } = options;
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0)) throw new Error(`clipGradNorm: invalid maxNorm ${maxNorm}; expected a number >= 0`);
  if (typeof normType !== 'number' || !(normType > 0)) throw new Error(`clipGradNorm: invalid normType ${normType}; expected a number > 0 or Infinity`);
  const list = parameterList(params, 'clipGradNorm');
  const grads = list.flatMap((param) => (param.grad === null ? [] : [param.grad]));
  return noGrad(() =>
    tidy(() => {
      if (grads.length === 0) return zeros([]);
      const norms = grads.map((grad) => vectorNorm(grad, normType));
      const total = norms.length === 1 ? norms[0] : vectorNorm(stack(norms), normType);
      const scale = div(maxNorm, total.add(1e-6)).clamp(null, 1);
      // Reassigning .grad keeps the new gradient and disposes the old one.
      for (const param of list) if (param.grad !== null) param.grad = param.grad.mul(scale);
      return total;
    }),
  );
}

/** Clamps every gradient of `params` into [-clipValue, clipValue]. */
export function clipGradValue(params: Tensor | Iterable<Tensor>, clipValue: number): void {
  if (typeof clipValue !== 'number' || !(clipValue >= 0)) throw new Error(`clipGradValue: invalid clipValue ${clipValue}; expected a number >= 0`);
  const list = parameterList(params, 'clipGradValue');
  noGrad(() =>
    tidy(() => {
      for (const param of list) if (param.grad !== null) param.grad = param.grad.clamp(-clipValue, clipValue);
    }),
  );
}
