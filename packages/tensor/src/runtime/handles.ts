import type { Backend, DataId, DType } from '@neurite/backend';
import type { GradNode } from '@neurite/autograd';
import { Tensor, recordOf } from '../tensor.js';
import { Storage } from './storage.js';
import type { HandleRecord } from './handle-record.js';
import { memoryTracker } from './memory-tracker.js';
import { sizeOfShape } from '../shape-utils.js';

/** Making tensor handles: on a fresh buffer, or sharing another handle's buffer. */

/** @internal What the library passes to the Tensor constructor to make a handle. */
export interface HandleInit {
  readonly record: HandleRecord;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export function detachedInit(source: Tensor): HandleInit {
  source.assertUsable('new Tensor');
  return { record: { storage: recordOf(source).storage, gradNode: null, disposed: false, kept: false }, shape: source.shape, dtype: source.dtype };
}

/** @internal Wraps a buffer a backend just made as a new tensor handle. */
export function adoptBuffer(backend: Backend, dataId: DataId, shape: readonly number[], dtype: DType): Tensor {
  const storage = new Storage(backend, dataId, sizeOfShape(shape), dtype);
  memoryTracker.bufferAllocated(storage.bytes);
  return new Tensor({ record: { storage, gradNode: null, disposed: false, kept: false }, shape, dtype });
}

/**
 * @internal A new handle on `source`'s buffer. Untracked handles belong to the graph (saved tensors)
 * and are left out of `tidy` scopes.
 */
export function shareStorage(source: Tensor, shape: readonly number[], gradNode: GradNode | null, tracked: boolean): Tensor {
  const { storage } = recordOf(source);
  const handle = new Tensor({ record: { storage, gradNode, disposed: false, kept: false }, shape, dtype: source.dtype });
  if (!tracked) memoryTracker.untrack(recordOf(handle));
  return handle;
}
