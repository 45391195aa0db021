import type { IndexErrorLabel } from '@neurite/backend';
import type { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { tidyInternal } from '../runtime/memory.js';
import { formatShape, normalizeAxis } from '../shape-utils.js';
import { cast } from './cast.js';

function checkIndex(op: string, index: Tensor): void {
  index.assertUsable(op);
  if (index.dtype !== 'int32') throw new Error(`${op}: index must have dtype 'int32', got '${index.dtype}'`);
}

export interface IndexOptions {
  /**
   * How an index out of range is reported, for ops built on this one: `{ op: 'crossEntropy',
   * what: 'target', range: 'classes' }` words it `crossEntropy: target 5 is out of range for 3
   * classes`. Index values are checked where the data is, so on a queued backend the error arrives
   * at the next read or `sync()`.
   */
  readonly label?: IndexErrorLabel;
}

/** PyTorch's gather: `out[i][j] = x[i][index[i][j]]` for axis 1; the result has the index's shape. */
export function gather(x: Tensor, axis: number, index: Tensor, options: IndexOptions = {}): Tensor {
  x.assertUsable('gather');
  checkIndex('gather', index);
  const a = normalizeAxis('gather', axis, x.rank);
  if (index.rank !== x.rank || index.shape.some((d, i) => i !== a && d > x.shape[i])) {
    throw new Error(`gather: index of shape ${formatShape(index.shape)} does not fit input ${formatShape(x.shape)} along axis ${a} (same rank, no larger outside the axis)`);
  }
  return runKernel('gather', [x, index], options.label ? { axis: a, label: options.label } : { axis: a }, { shape: index.shape, dtype: x.dtype });
}

/** PyTorch's scatter_add: a copy of `x` with `source[i][j]` added at `[i][index[i][j]]` (axis 1). */
export function scatterAdd(x: Tensor, axis: number, index: Tensor, source: Tensor, options: IndexOptions = {}): Tensor {
  x.assertUsable('scatterAdd');
  source.assertUsable('scatterAdd');
  checkIndex('scatterAdd', index);
  const a = normalizeAxis('scatterAdd', axis, x.rank);
  if (index.rank !== x.rank || index.shape.some((d, i) => d !== source.shape[i] || (i !== a && d > x.shape[i]))) {
    throw new Error(
      `scatterAdd: index ${formatShape(index.shape)} must have the shape of source ${formatShape(source.shape)} and fit the input ${formatShape(x.shape)} outside axis ${a}`,
    );
  }
  if (source.dtype !== x.dtype) return tidyInternal(() => scatterAdd(x, axis, index, cast(source, x.dtype), options));
  return runKernel('scatterAdd', [x, index, source], options.label ? { axis: a, label: options.label } : { axis: a }, { shape: x.shape, dtype: x.dtype });
}

/** Rows (or slices along `axis`) picked by a 1-D index, in order: `x.indexSelect(0, ids)`. */
export function indexSelect(x: Tensor, axis: number, index: Tensor, options: IndexOptions = {}): Tensor {
  x.assertUsable('indexSelect');
  checkIndex('indexSelect', index);
  if (index.rank !== 1) throw new Error(`indexSelect: index must be 1-D, got shape ${formatShape(index.shape)}`);
  const a = normalizeAxis('indexSelect', axis, x.rank);
  // Gather along the axis with the index broadcast over the other axes.
  return tidyInternal(() => {
    const viewShape = x.shape.map((_, i) => (i === a ? index.shape[0] : 1));
    const outputShape = x.shape.map((d, i) => (i === a ? index.shape[0] : d));
    return gather(x, a, index.reshape(viewShape).broadcastTo(outputShape), { label: options.label ?? { op: 'indexSelect', what: 'index', range: `entries along axis ${a}` } });
  });
}

/**
 * One-hot encoding of int32 class indices: shape `[...indices.shape, numClasses]`, dtype int32.
 * Built with scatterAdd, whose kernel rejects an index outside [0, numClasses).
 */
export function oneHot(indices: Tensor, numClasses: number): Tensor {
  checkIndex('oneHot', indices);
  if (!Number.isInteger(numClasses) || numClasses <= 0) throw new Error(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  return tidyInternal(() => {
    const positions = indices.unsqueeze(-1);
    const zeros = indices.newTensor(new Int32Array(indices.size * numClasses), [...indices.shape, numClasses], 'int32');
    return scatterAdd(zeros, -1, positions, positions.onesLike(), { label: { op: 'oneHot', what: 'class', range: 'classes' } });
  });
}
