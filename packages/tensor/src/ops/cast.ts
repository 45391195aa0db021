import type { DType } from '@neurite/backend';
import { isDType } from '@neurite/backend';
import type { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { shareStorage } from '../runtime/handles.js';

/** Converts to `dtype` (float→int truncates toward zero; to bool is `!= 0`). Same dtype: a new handle. */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (!isDType(dtype)) throw new Error(`cast: unknown dtype '${String(dtype)}' (expected 'float32', 'int32' or 'bool')`);
  x.assertUsable('cast');
  if (x.dtype === dtype) return shareStorage(x, x.shape, x.gradNode, true);
  return runKernel('cast', [x], {}, { shape: x.shape, dtype });
}
