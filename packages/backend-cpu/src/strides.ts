/** Row-major strides of a dense array of `shape` (the last axis has stride 1). */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * Strides that read a dense `inputShape` array as if it had `outputShape` (NumPy broadcasting): the
 * input's axes align to the right, and an axis the input lacks or has as size 1 gets stride 0.
 */
export function broadcastStrides(inputShape: readonly number[], outputShape: readonly number[]): number[] {
  const inputStrides = contiguousStrides(inputShape);
  const leading = outputShape.length - inputShape.length;
  const strides = new Array<number>(outputShape.length).fill(0);
  for (let axis = 0; axis < inputShape.length; axis++) {
    if (inputShape[axis] !== 1) strides[leading + axis] = inputStrides[axis];
  }
  return strides;
}

/** `strides` with the entry for `axis` set to 0, for walking every other axis of an array. */
export function withoutAxis(strides: readonly number[], axis: number): number[] {
  const result = [...strides];
  result[axis] = 0;
  return result;
}

/** Whether two shapes are the same. */
export function sameShape(first: readonly number[], second: readonly number[]): boolean {
  if (first.length !== second.length) return false;
  for (let axis = 0; axis < first.length; axis++) if (first[axis] !== second[axis]) return false;
  return true;
}
