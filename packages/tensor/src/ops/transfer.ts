import type { Backend, TypedArray } from '@neurite/backend';
import { backends } from '@neurite/backend';
import type { RuleContext } from '@neurite/autograd';
import type { Tensor } from '../tensor.js';
import { adoptBuffer, shareStorage } from '../runtime/handles.js';
import { needsRecording, recordOp } from '../runtime/dispatch.js';
import { cpuInstance } from '../runtime/active-backend.js';

/**
 * Moving tensors between backends, with PyTorch's `.to()` gradient semantics: the result is
 * computed from the input, and its gradient flows back, moved to the input's backend.
 */

interface MoveAttributes {
  readonly source: Backend;
}

/** The initialised backend `name`; a move cannot await one being made. */
function targetBackend(name: string): Backend {
  if (name === 'cpu') return cpuInstance();
  const backend = backends.instance(name);
  if (backend) return backend;
  if (!backends.has(name)) throw new Error(`to: no backend named '${name}'. Registered backends: ${backends.listed()}`);
  throw new Error(`to: the '${name}' backend has not been initialised; await setBackend('${name}') (or backends.instantiate('${name}')) first`);
}

/** `x`'s values at once, from a backend that reads synchronously. */
function valuesNow(x: Tensor): TypedArray {
  return x.backend.readSync(x.kernelInput().dataId, x.dtype, x.size);
}

function moveRule({ grad, attributes }: RuleContext<MoveAttributes>): readonly Tensor[] {
  const gradient = grad as Tensor;
  if (!gradient.backend.capabilities.synchronousRead) {
    throw new Error(
      `backward: the gradient of to('${gradient.backend.name}') cannot move back to '${attributes.source.name}' during backward, because '${gradient.backend.name}' reads only asynchronously. Make the tensor that requires grad on '${gradient.backend.name}' itself (move it first, then set requiresGrad)`,
    );
  }
  return [transfer(gradient, attributes.source, valuesNow(gradient))];
}

function transfer(x: Tensor, target: Backend, values: TypedArray): Tensor {
  const result = adoptBuffer(target, target.upload(values, x.dtype), x.shape, x.dtype);
  if (needsRecording([x], result)) result.attachGradNode(recordOp('to', moveRule, { source: x.backend }, [x], result));
  return result;
}

/**
 * `x` on the backend `name` (already initialised). Synchronous, so the values must be readable at
 * once: from the CPU to anywhere. From a backend that reads only asynchronously use `toAsync`.
 */
export function to(x: Tensor, name: string): Tensor {
  x.assertUsable('to');
  const target = targetBackend(name);
  if (target === x.backend) return shareStorage(x, x.shape, x.gradNode, true);
  if (!x.backend.capabilities.synchronousRead) {
    throw new Error(`to: the tensor is on '${x.backend.name}', which reads only asynchronously, so it cannot move at once; use await x.toAsync('${name}')`);
  }
  return transfer(x, target, valuesNow(x));
}

/** `x` on the backend `name`, from any backend: waits for `x`'s values first. */
export async function toAsync(x: Tensor, name: string): Promise<Tensor> {
  x.assertUsable('toAsync');
  const target = targetBackend(name);
  if (target === x.backend) return shareStorage(x, x.shape, x.gradNode, true);
  const values = await x.data();
  x.assertUsable('toAsync');
  return transfer(x, target, values);
}
