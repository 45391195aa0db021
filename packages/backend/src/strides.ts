/**
 * Strides of dense row-major arrays, which every backend's kernels address their buffers with.
 */

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
