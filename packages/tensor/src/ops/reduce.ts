import type { ArgReducePrimitive, DType, ReducePrimitive } from '@neurite/backend';
import type { Tensor } from '../tensor.js';
import { runKernel, runReshape } from '../runtime/dispatch.js';
import { normalizeAxes, normalizeAxis } from '../shape-utils.js';
import { tidyInternal } from '../runtime/memory.js';
import { cast } from './cast.js';

export type Axis = number | readonly number[] | null;

function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/** The dtype a reduction computes in: sums and products of integers or booleans are int32. */
function reductionDType(primitive: ReducePrimitive, dtype: DType): DType {
  if (dtype === 'bool' && (primitive === 'sum' || primitive === 'prod')) return 'int32';
  return dtype;
}

export function reduce(primitive: ReducePrimitive, x: Tensor, axis: Axis | undefined, keepDims: boolean, op: string = primitive): Tensor {
  x.assertUsable(op);
  const axes = normalizeAxes(op, axis, x.rank);
  if ((primitive === 'max' || primitive === 'min') && axes.some((a) => x.shape[a] === 0)) {
    throw new Error(`${op}: cannot reduce over an empty axis of shape [${x.shape}] (no identity for ${primitive})`);
  }
  const dtype = reductionDType(primitive, x.dtype);
  const input = dtype === x.dtype ? x : cast(x, dtype);
  const kept = runKernel(primitive, [input], { axes }, { shape: reducedShape(x.shape, axes, true), dtype }, op);
  if (input !== x) input.dispose();
  if (keepDims) return kept;
  const result = runReshape(kept, reducedShape(x.shape, axes, false));
  kept.dispose();
  return result;
}

export const sum = (x: Tensor, axis?: Axis, keepDims = false): Tensor => reduce('sum', x, axis, keepDims);
export const prod = (x: Tensor, axis?: Axis, keepDims = false): Tensor => reduce('prod', x, axis, keepDims);
export const max = (x: Tensor, axis?: Axis, keepDims = false): Tensor => reduce('max', x, axis, keepDims);
export const min = (x: Tensor, axis?: Axis, keepDims = false): Tensor => reduce('min', x, axis, keepDims);

export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  x.assertUsable('mean');
  const axes = normalizeAxes('mean', axis, x.rank);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return tidyInternal(() => reduce('sum', x.dtype === 'float32' ? x : cast(x, 'float32'), axes, keepDims, 'mean').div(count));
}

export interface VarianceOptions {
  /** Subtracted from the count in the denominator: 1 (default) is the unbiased estimate, as PyTorch. */
  readonly correction?: number;
}

export function variance(x: Tensor, axis?: Axis, keepDims = false, options: VarianceOptions = {}): Tensor {
  x.assertUsable('var');
  const axes = normalizeAxes('var', axis, x.rank);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  const correction = options.correction ?? 1;
  return tidyInternal(() => {
    const centered = x.sub(mean(x, axes, true));
    return reduce('sum', centered.mul(centered), axes, keepDims, 'var').div(Math.max(count - correction, 0));
  });
}

export function std(x: Tensor, axis?: Axis, keepDims = false, options: VarianceOptions = {}): Tensor {
  return tidyInternal(() => variance(x, axis, keepDims, options).sqrt());
}

/** log(Σ exp(x)) computed stably: the maximum is subtracted first and added back. */
export function logSumExp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  x.assertUsable('logSumExp');
  const axes = normalizeAxes('logSumExp', axis, x.rank);
  return tidyInternal(() => {
    // The shift is a constant for the gradient; detaching it keeps the graph small and exact.
    const shift = reduce('max', x.detach(), axes, true, 'logSumExp');
    const finiteShift = shift.where(shift.abs().lt(Infinity), 0);
    const summed = reduce('sum', x.sub(finiteShift).exp(), axes, true, 'logSumExp').log().add(finiteShift);
    return keepDims ? summed : summed.squeeze(axes);
  });
}

function argReduce(primitive: ArgReducePrimitive, x: Tensor, axis: number | undefined, keepDims: boolean): Tensor {
  x.assertUsable(primitive);
  if (axis === undefined) {
    const flat = x.reshape([-1]);
    const result = argReduce(primitive, flat, 0, false);
    flat.dispose();
    if (!keepDims) return result;
    const shaped = result.reshape(x.shape.map(() => 1));
    result.dispose();
    return shaped;
  }
  const a = normalizeAxis(primitive, axis, x.rank);
  if (x.shape[a] === 0) throw new Error(`${primitive}: cannot take ${primitive} over an empty axis of shape [${x.shape}]`);
  const kept = runKernel(primitive, [x], { axis: a }, { shape: reducedShape(x.shape, [a], true), dtype: 'int32' });
  if (keepDims) return kept;
  const result = runReshape(kept, reducedShape(x.shape, [a], false));
  kept.dispose();
  return result;
}

/** Index of the largest element along `axis` (of the flattened tensor when no axis is given). */
export const argmax = (x: Tensor, axis?: number, keepDims = false): Tensor => argReduce('argmax', x, axis, keepDims);
export const argmin = (x: Tensor, axis?: number, keepDims = false): Tensor => argReduce('argmin', x, axis, keepDims);
