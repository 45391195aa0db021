import type { Tensor } from '../tensor.js';
import { add, binary, mul } from './binary.js';
import { erf, sigmoid, tanh } from './unary.js';
import { where } from './where.js';
import { tidyInternal } from '../runtime/memory.js';
import type { TensorLike } from './scalars.js';

/** Composite elementwise ops, written once from primitives; their gradients follow from them. */

export function square(x: Tensor): Tensor {
  return mul(x, x);
}

export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  // NOTE: `where`, not `maximum(x, slope * x)`: that would be wrong for slopes above 1 and would
  // split the gradient at 0 between both branches.
  return tidyInternal(() => where(x.gt(0), x, mul(x, negativeSlope)));
}

/** GELU; `approximate: 'tanh'` is the tanh form, the default is exact (erf), as PyTorch. */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  return tidyInternal(() => {
    if (approximate === 'tanh') {
      const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
      return mul(mul(x, 0.5), add(tanh(inner), 1));
    }
    return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
  });
}

export function silu(x: Tensor): Tensor {
  return tidyInternal(() => mul(x, sigmoid(x)));
}

/**
 * Limits values to [min, max]. Written with `where` so the gradient passes wherever min <= x <= max
 * (inclusive, as PyTorch), which `maximum`/`minimum` would halve at the bounds.
 */
export function clamp(x: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new Error('clamp: give at least one of min and max');
  }
  return tidyInternal(() => {
    let result = x;
    if (min !== undefined && min !== null) result = where(binary('lt', result, min, 'clamp'), min, result);
    if (max !== undefined && max !== null) result = where(binary('gt', result, max, 'clamp'), max, result);
    return result === x ? x.clone() : result;
  });
}

