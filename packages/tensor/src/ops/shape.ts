import type { Tensor } from '../tensor.js';
import { shareStorage } from '../runtime/handles.js';
import { runKernel, runReshape } from '../runtime/dispatch.js';
import { tidyInternal } from '../runtime/memory.js';
import { broadcastShapes, formatShape, inferReshape, normalizeAxes, normalizeAxis, sameShape } from '../shape-utils.js';

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  x.assertUsable('reshape');
  return runReshape(x, inferReshape('reshape', x.shape, shape));
}

/** Flattens axes `startDim..endDim` (inclusive) into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const start = normalizeAxis('flatten', startDim, x.rank);
  const end = normalizeAxis('flatten', endDim, x.rank);
  if (start > end) throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim} for shape ${formatShape(x.shape)}`);
  const merged = x.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}

export function permute(x: Tensor, perm: readonly number[]): Tensor {
  x.assertUsable('permute');
  if (perm.length !== x.rank) throw new Error(`permute: got ${perm.length} axes [${perm.join(', ')}] for a tensor of rank ${x.rank}`);
  const axes = perm.map((axis) => normalizeAxis('permute', axis, x.rank));
  if (new Set(axes).size !== axes.length) throw new Error(`permute: [${perm.join(', ')}] is not a permutation of the axes`);
  if (axes.every((axis, i) => axis === i)) return shareStorage(x, x.shape, x.gradNode, true);
  return runKernel('permute', [x], { perm: axes }, { shape: axes.map((a) => x.shape[a]), dtype: x.dtype });
}

/** Swaps two axes (the last two by default). */
export function transpose(x: Tensor, dim0 = -2, dim1 = -1): Tensor {
  if (x.rank < 2) return permute(x, x.shape.map((_, i) => i));
  const a = normalizeAxis('transpose', dim0, x.rank);
  const b = normalizeAxis('transpose', dim1, x.rank);
  const perm = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, perm);
}

/** Removes size-1 axes: all of them, or those listed (a listed axis of another size is kept, as PyTorch). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes = axis === undefined ? x.shape.map((_, i) => i) : normalizeAxes('squeeze', axis, x.rank);
  return reshape(x, x.shape.filter((d, i) => !(d === 1 && axes.includes(i))));
}

export function unsqueeze(x: Tensor, axis: number): Tensor {
  const position = normalizeAxis('unsqueeze', axis, x.rank + 1);
  const shape = [...x.shape];
  shape.splice(position, 0, 1);
  return reshape(x, shape);
}

/** Broadcasts to `shape` (NumPy rules). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  x.assertUsable('broadcastTo');
  const target = broadcastShapes('broadcastTo', x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new Error(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  if (sameShape(x.shape, shape)) return shareStorage(x, x.shape, x.gradNode, true);
  return runKernel('expand', [x], {}, { shape: [...shape], dtype: x.dtype }, 'broadcastTo');
}

/** PyTorch's `expand`: like broadcastTo, where -1 keeps a size. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const offset = shape.length - x.rank;
  return broadcastTo(x, shape.map((d, i) => (d === -1 ? x.shape[i - offset] : d)));
}

/** Sums broadcast axes away so the result has `shape`: the adjoint of `broadcastTo`. */
export function sumToSize(x: Tensor, shape: readonly number[]): Tensor {
  x.assertUsable('sumToSize');
  if (sameShape(x.shape, shape)) return shareStorage(x, x.shape, x.gradNode, true);
  const broadcast = broadcastShapes('sumToSize', shape, x.shape);
  if (!sameShape(broadcast, x.shape)) throw new Error(`sumToSize: ${formatShape(x.shape)} is not a broadcast of ${formatShape(shape)}`);
  const lead = x.rank - shape.length;
  const axes = x.shape.map((_, i) => i).filter((i) => i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1));
  return tidyInternal(() => x.sum(axes, true).reshape(shape));
}

export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('concat: needs at least one tensor');
  const first = tensors[0];
  for (const t of tensors) t.assertUsable('concat');
  const a = normalizeAxis('concat', axis, first.rank);
  let total = 0;
  for (const [index, t] of tensors.entries()) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new Error(`concat: tensor ${index} has shape ${formatShape(t.shape)}, which does not match ${formatShape(first.shape)} outside axis ${a}`);
    }
    if (t.dtype !== first.dtype) throw new Error(`concat: tensor ${index} has dtype '${t.dtype}', expected '${first.dtype}' like tensor 0`);
    total += t.shape[a];
  }
  if (tensors.length === 1) return shareStorage(first, first.shape, first.gradNode, true);
  const shape = first.shape.map((d, i) => (i === a ? total : d));
  return runKernel('concat', tensors, { axis: a }, { shape, dtype: first.dtype });
}

export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: needs at least one tensor');
  const first = tensors[0];
  for (const [index, t] of tensors.entries()) {
    if (!sameShape(t.shape, first.shape)) throw new Error(`stack: tensor ${index} has shape ${formatShape(t.shape)}, expected ${formatShape(first.shape)}`);
  }
  const a = normalizeAxis('stack', axis, first.rank + 1);
  return tidyInternal(() => concat(tensors.map((t) => unsqueeze(t, a)), a));
}

/** A window: `size[i] === -1` takes the rest of axis i. */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  x.assertUsable('slice');
  if (begin.length !== x.rank || (size && size.length !== x.rank)) {
    throw new Error(`slice: begin [${begin.join(', ')}]${size ? ` and size [${size.join(', ')}]` : ''} must have one entry per axis of ${formatShape(x.shape)}`);
  }
  const start = begin.map((b, i) => (b < 0 ? b + x.shape[i] : b));
  const extent = start.map((b, i) => (size === undefined || size[i] === -1 ? x.shape[i] - b : size[i]));
  for (let i = 0; i < x.rank; i++) {
    if (!Number.isInteger(start[i]) || !Number.isInteger(extent[i]) || start[i] < 0 || extent[i] < 0 || start[i] + extent[i] > x.shape[i]) {
      throw new Error(`slice: window begin [${begin.join(', ')}] size [${extent.join(', ')}] is out of bounds for shape ${formatShape(x.shape)} (axis ${i})`);
    }
  }
  if (sameShape(extent, x.shape)) return shareStorage(x, x.shape, x.gradNode, true);
  return runKernel('slice', [x], { begin: start }, { shape: extent, dtype: x.dtype });
}

/** `length` elements of axis `dim` from `start` (PyTorch's narrow). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const axis = normalizeAxis('narrow', dim, x.rank);
  return slice(x, x.shape.map((_, i) => (i === axis ? start : 0)), x.shape.map((d, i) => (i === axis ? length : d)));
}

/** Splits along `axis` into pieces of `sizeOrSections` elements (the last may be smaller), or of the listed sizes. */
export function split(x: Tensor, sizeOrSections: number | readonly number[], axis = 0): Tensor[] {
  const a = normalizeAxis('split', axis, x.rank);
  const length = x.shape[a];
  let sizes: number[];
  if (typeof sizeOrSections === 'number') {
    if (!Number.isInteger(sizeOrSections) || sizeOrSections <= 0) throw new Error(`split: size ${sizeOrSections} must be a positive integer`);
    sizes = [];
    for (let offset = 0; offset < length; offset += sizeOrSections) sizes.push(Math.min(sizeOrSections, length - offset));
  } else {
    sizes = [...sizeOrSections];
    if (sizes.reduce((s, d) => s + d, 0) !== length) {
      throw new Error(`split: sizes [${sizes.join(', ')}] add up to ${sizes.reduce((s, d) => s + d, 0)}, but axis ${a} of ${formatShape(x.shape)} has ${length}`);
    }
  }
  let offset = 0;
  return sizes.map((size) => {
    const piece = narrow(x, a, offset, size);
    offset += size;
    return piece;
  });
}

/** Splits into `chunks` nearly equal pieces (PyTorch's chunk: pieces of ceil(n / chunks)). */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk: chunks must be a positive integer, got ${chunks}`);
  const a = normalizeAxis('chunk', axis, x.rank);
  return split(x, Math.max(1, Math.ceil(x.shape[a] / chunks)), a);
}

/** Pads with `[before, after]` for each axis. */
export function padAxes(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  x.assertUsable('pad');
  if (paddings.length !== x.rank) throw new Error(`pad: ${paddings.length} padding pairs for a tensor of rank ${x.rank}`);
  for (const [before, after] of paddings) {
    if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) {
      throw new Error(`pad: paddings must be non-negative integers, got [${paddings.map((p) => `[${p.join(', ')}]`).join(', ')}]`);
    }
  }
  if (paddings.every(([b, a]) => b === 0 && a === 0)) return shareStorage(x, x.shape, x.gradNode, true);
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  return runKernel('pad', [x], { before: paddings.map((p) => p[0]), value }, { shape, dtype: x.dtype });
}

/**
 * PyTorch's `F.pad`: a flat list of (before, after) pairs starting from the LAST axis, e.g.
 * `[left, right, top, bottom]` for an image.
 */
export function pad(x: Tensor, paddings: readonly number[], value = 0): Tensor {
  if (paddings.length % 2 !== 0 || paddings.length / 2 > x.rank) {
    throw new Error(`pad: expected pairs for at most ${x.rank} axes, got [${paddings.join(', ')}]`);
  }
  const pairs = x.shape.map((): [number, number] => [0, 0]);
  for (let k = 0; k < paddings.length / 2; k++) pairs[x.rank - 1 - k] = [paddings[2 * k], paddings[2 * k + 1]];
  return padAxes(x, pairs, value);
}

export function flip(x: Tensor, axes: number | readonly number[]): Tensor {
  x.assertUsable('flip');
  const normalized = normalizeAxes('flip', axes, x.rank);
  if (normalized.length === 0) return shareStorage(x, x.shape, x.gradNode, true);
  return runKernel('flip', [x], { axes: normalized }, { shape: x.shape, dtype: x.dtype });
}

/** Repeats the tensor `reps[i]` times along each axis (PyTorch's tile). */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  const rank = Math.max(x.rank, reps.length);
  const shape = [...Array(rank - x.rank).fill(1), ...x.shape];
  const repeats = [...Array(rank - reps.length).fill(1), ...reps];
  if (repeats.some((r) => !Number.isInteger(r) || r < 0)) throw new Error(`tile: repetitions must be non-negative integers, got [${reps.join(', ')}]`);
  // Interleave a repeat axis before each axis, broadcast it, then merge each pair.
  return tidyInternal(() => {
    const interleaved = reshape(x, shape.flatMap((d) => [1, d]));
    const expanded = broadcastTo(interleaved, shape.flatMap((d, i) => [repeats[i], d]));
    return reshape(expanded, shape.map((d, i) => d * repeats[i]));
  });
}
