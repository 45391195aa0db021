import type { Tensor } from '../tensor.js';
import { tidyInternal } from '../runtime/memory.js';
import { normalizeAxis } from '../shape-utils.js';
import { logSumExp } from './reduce.js';

/** softmax along `axis` (default last), stable for large inputs. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('softmax', axis, x.rank);
  return tidyInternal(() => {
    // The max is a constant shift: detached, it adds nothing to the graph and changes no gradient.
    const shifted = x.sub(x.detach().max(a, true));
    const e = shifted.exp();
    return e.div(e.sum(a, true));
  });
}

/** log(softmax(x)) as x - logSumExp(x): exact where softmax underflows to 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('logSoftmax', axis, x.rank);
  return tidyInternal(() => x.sub(logSumExp(x, a, true)));
}
