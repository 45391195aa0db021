import type { ExtensionKernel, FusedAttributes } from '@neurite/backend';
import type { RuleContext } from '@neurite/autograd';
import type { Tensor } from '../tensor.js';
import { tidyInternal } from '../runtime/memory.js';
import { adoptBuffer } from '../runtime/handles.js';
import { needsRecording, recordOp } from '../runtime/dispatch.js';
import { normalizeAxis } from '../shape-utils.js';
import { logSumExp } from './reduce.js';

/**
 * softmax and logSoftmax are composites of primitives. A backend may run either as one fused
 * kernel (`backend.fusedKernels`); the composition stays the reference it is tested against, and
 * the gradient below is the composite's, written out.
 */

type Fused = keyof FusedAttributes;

const fusedRules: { readonly [K in Fused]: (context: RuleContext<FusedAttributes[K]>) => readonly Tensor[] } = {
  // d softmax: y ⊙ (g − Σ g ⊙ y)
  softmax: ({ grad, output, attributes: { axis } }) => {
    const [g, y] = [grad as Tensor, output as Tensor];
    return [tidyInternal(() => y.mul(g.sub(g.mul(y).sum(axis, true))))];
  },
  // d logSoftmax: g − exp(y) ⊙ Σ g
  logSoftmax: ({ grad, output, attributes: { axis } }) => {
    const [g, y] = [grad as Tensor, output as Tensor];
    return [tidyInternal(() => g.sub(y.exp().mul(g.sum(axis, true))))];
  },
};

/** The backend's fused kernel for `name` on float32 `x`, run and recorded; null where there is none. */
function runFused<K extends Fused>(name: K, x: Tensor, axis: number): Tensor | null {
  const kernel = x.backend.fusedKernels?.[name] as ExtensionKernel<FusedAttributes[K]> | undefined;
  if (!kernel || x.dtype !== 'float32') return null;
  x.assertUsable(name);
  const attributes = { axis } as FusedAttributes[K];
  const output = { shape: x.shape, dtype: x.dtype };
  const result = adoptBuffer(x.backend, kernel([x.kernelInput()], attributes, output), x.shape, x.dtype);
  if (needsRecording([x], output)) result.attachGradNode(recordOp(name, fusedRules[name] as (context: RuleContext<FusedAttributes[K]>) => readonly Tensor[], attributes, [x], result));
  return result;
}

/** softmax along `axis` (default last), stable for large inputs. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('softmax', axis, x.rank);
  return runFused('softmax', x, a) ?? softmaxComposite(x, a);
}

/** log(softmax(x)) as x - logSumExp(x): exact where softmax underflows to 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('logSoftmax', axis, x.rank);
  return runFused('logSoftmax', x, a) ?? logSoftmaxComposite(x, a);
}

/** softmax from primitives: the reference every fused kernel is tested against. */
export function softmaxComposite(x: Tensor, axis: number): Tensor {
  return tidyInternal(() => {
    // The max is a constant shift: detached, it adds nothing to the graph and changes no gradient.
    const shifted = x.sub(x.detach().max(axis, true));
    const e = shifted.exp();
    return e.div(e.sum(axis, true));
  });
}

/** logSoftmax from primitives: the reference every fused kernel is tested against. */
export function logSoftmaxComposite(x: Tensor, axis: number): Tensor {
  return tidyInternal(() => x.sub(logSumExp(x, axis, true)));
}
