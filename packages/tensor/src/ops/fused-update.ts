import type { FusedUpdateAttributes, FusedUpdateKernel } from '@neurite/backend';
import type { Tensor } from '../tensor.js';
import { adoptBuffer } from '../runtime/handles.js';

/**
 * Runs an optimizer update as the backend's fused kernel (`backend.fusedUpdates`), or returns null
 * where the backend has none, so the caller composes the update from tensor ops instead: the
 * composition is the meaning and the reference, the fused kernel only its speed.
 *
 * `tensors` are the parameter, its gradient and its state, float32 and of one shape and backend;
 * the result holds new tensors for the parameter and its state, in that order (no gradient). It
 * records nothing for autograd: updates happen outside the graph.
 */
export function fusedUpdate<K extends keyof FusedUpdateAttributes>(name: K, tensors: readonly Tensor[], attributes: FusedUpdateAttributes[K]): Tensor[] | null {
  const [param] = tensors;
  const kernel = param.backend.fusedUpdates?.[name] as FusedUpdateKernel<FusedUpdateAttributes[K]> | undefined;
  if (!kernel) return null;
  const shape = param.shape.join();
  for (const tensor of tensors) {
    tensor.assertUsable(name);
    if (tensor.dtype !== 'float32' || tensor.shape.join() !== shape || tensor.backend !== param.backend) return null;
  }
  const outputs = kernel(tensors.map((tensor) => tensor.kernelInput()), attributes);
  if (!outputs) return null;
  return outputs.map((dataId) => adoptBuffer(param.backend, dataId, param.shape, 'float32'));
}
