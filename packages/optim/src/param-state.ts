import { Tensor, keep } from '@neurite/tensor';
import type { ParamState } from './optimizer.js';

/**
 * Stores `value` as `state[key]`. The first time it keeps a new handle (state outlives the step's
 * tidy); after that it assigns, so the handle stays the same and the old buffer is released.
 */
export function setStateTensor(state: ParamState, key: string, value: Tensor): Tensor {
  const current = state[key];
  if (current instanceof Tensor) return current.assign(value);
  const kept = keep(value.detach());
  state[key] = kept;
  return kept;
}

/** `state[key]` as a tensor, starting from zeros shaped like `param`. */
export function stateTensor(state: ParamState, key: string, param: Tensor): Tensor {
  const current = state[key];
  return current instanceof Tensor ? current : setStateTensor(state, key, param.zerosLike());
}
