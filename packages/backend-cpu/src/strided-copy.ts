import type { TypedArray } from '@neurite/backend';
import { StridedRows } from './strided-rows.js';

/** A strided view of a typed array: element (i0, i1, ...) is at `start + i0*strides[0] + i1*strides[1] + ...`. */
export interface StridedView {
  readonly values: TypedArray;
  readonly start: number;
  readonly strides: readonly number[];
}

/** Rows shorter than this are copied element by element; `subarray` allocates, which costs more. */
const BULK_COPY_MIN_LENGTH = 32;

/**
 * Copies every element of the index space `shape` from `source` to `target`. Every layout kernel
 * (permute, slice, pad, concat, flip, expand) is this copy with the right strides and starts.
 */
export function stridedCopy(shape: readonly number[], source: StridedView, target: StridedView): void {
  const walk = new StridedRows(shape, [target.strides, source.strides], [target.start, source.start]);
  const { offsets, rowLength } = walk;
  const [targetStride, sourceStride] = walk.rowStrides;
  const from = source.values;
  const to = target.values;
  const bulk = targetStride === 1 && sourceStride === 1 && rowLength >= BULK_COPY_MIN_LENGTH;
  for (let r = 0; r < walk.rowCount; r++) {
    if (bulk) {
      to.set(from.subarray(offsets[1], offsets[1] + rowLength), offsets[0]);
    } else {
      let targetIndex = offsets[0];
      let sourceIndex = offsets[1];
      for (let i = 0; i < rowLength; i++, targetIndex += targetStride, sourceIndex += sourceStride) to[targetIndex] = from[sourceIndex];
    }
    walk.next();
  }
}
