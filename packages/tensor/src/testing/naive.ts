/** Deliberately naive reference implementations over flat arrays, for property tests. */

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

export function unravel(flat: number, shape: readonly number[]): number[] {
  return stridesOf(shape).map((stride, i) => Math.floor(flat / stride) % shape[i]);
}

export function ravel(index: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  return index.reduce((sum, value, i) => sum + value * strides[i], 0);
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Element of `values` (shape `shape`) read at a broadcast index of rank >= its own. */
export function broadcastRead(values: ArrayLike<number>, shape: readonly number[], index: readonly number[]): number {
  const offset = index.length - shape.length;
  return values[ravel(shape.map((d, i) => (d === 1 ? 0 : index[i + offset])), shape)];
}

export function naiveBinary(a: ArrayLike<number>, aShape: number[], b: ArrayLike<number>, bShape: number[], outShape: number[], f: (x: number, y: number) => number): number[] {
  return Array.from({ length: sizeOf(outShape) }, (_, flat) => {
    const index = unravel(flat, outShape);
    return f(broadcastRead(a, aShape, index), broadcastRead(b, bShape, index));
  });
}

export function naivePermute(values: ArrayLike<number>, shape: number[], perm: number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  return Array.from({ length: sizeOf(shape) }, (_, flat) => {
    const outIndex = unravel(flat, outShape);
    const inIndex = new Array<number>(shape.length);
    perm.forEach((p, i) => (inIndex[p] = outIndex[i]));
    return values[ravel(inIndex, shape)];
  });
}

export function naiveSlice(values: ArrayLike<number>, shape: number[], begin: number[], size: number[]): number[] {
  return Array.from({ length: sizeOf(size) }, (_, flat) => values[ravel(unravel(flat, size).map((v, i) => v + begin[i]), shape)]);
}

export function naiveConcat(parts: { values: ArrayLike<number>; shape: number[] }[], axis: number): number[] {
  const outShape = [...parts[0].shape];
  outShape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
  return Array.from({ length: sizeOf(outShape) }, (_, flat) => {
    const index = unravel(flat, outShape);
    let position = index[axis];
    for (const part of parts) {
      if (position < part.shape[axis]) {
        const local = [...index];
        local[axis] = position;
        return part.values[ravel(local, part.shape)];
      }
      position -= part.shape[axis];
    }
    throw new Error('unreachable');
  });
}

export function naiveSum(values: ArrayLike<number>, shape: number[], axes: number[]): number[] {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Array<number>(sizeOf(outShape)).fill(0);
  for (let flat = 0; flat < values.length; flat++) {
    const index = unravel(flat, shape).map((v, i) => (axes.includes(i) ? 0 : v));
    out[ravel(index, outShape)] += values[flat];
  }
  return out;
}
