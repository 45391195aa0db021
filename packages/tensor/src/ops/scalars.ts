import type { DType } from '@neurite/backend';
import { Tensor } from '../tensor.js';
import { adoptBuffer } from '../runtime/handles.js';
import { getBackend } from '../runtime/active-backend.js';
import { describeNonTensor } from '../runtime/foreign-tensor.js';

/** A number or boolean where a tensor is expected; it broadcasts as a scalar. */
export type TensorLike = Tensor | number | boolean;

/** A one-element tensor of `value` on `like`'s backend (or the active one). Caller disposes it. */
export function scalarTensor(value: number | boolean, dtype: DType, like?: Tensor): Tensor {
  const backend = like?.backend ?? getBackend();
  const numeric = typeof value === 'boolean' ? Number(value) : value;
  return adoptBuffer(backend, backend.fill(1, numeric, dtype), [], dtype);
}

export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/** Checks a value given where a tensor or number is expected. */
export function checkTensorLike(op: string, value: unknown, position: string): asserts value is TensorLike {
  if (value instanceof Tensor || typeof value === 'number' || typeof value === 'boolean') return;
  throw new Error(`${op}: ${position} must be a Tensor, a number or a boolean, got ${describeNonTensor(value)}`);
}
