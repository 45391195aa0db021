export { contiguousStrides, broadcastStrides } from '@neurite/backend';

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
