import type { TypedArray } from '@neurite/backend';

/** Nested arrays as `Tensor.array()` returns them. */
export type NestedNumbers = number | NestedNumbers[];

/** Row-major values as nested arrays of `shape`. */
export function nest(values: TypedArray, shape: readonly number[]): NestedNumbers {
  if (shape.length === 0) return values[0];
  const build = (offset: number, axis: number): NestedNumbers[] => {
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[axis] }, (_, i) =>
      axis === shape.length - 1 ? values[offset + i] : build(offset + i * stride, axis + 1),
    );
  };
  return build(0, 0);
}
