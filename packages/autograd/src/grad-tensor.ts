import type { DType, TypedArray } from '@neurite/backend';
import type { GradNode } from './nodes.js';

/**
 * What autograd needs of a tensor. `@neurite/tensor`'s `Tensor` satisfies it structurally; autograd
 * never imports the tensor package, which is what lets the tensor package depend on autograd.
 */
export interface GradTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The node that produced this tensor, or its leaf accumulator; null for a constant. */
  readonly gradNode: GradNode | null;
  requiresGrad: boolean;
  readonly grad: GradTensor | null;

  add(other: GradTensor | number | boolean): GradTensor;
  sub(other: GradTensor | number | boolean): GradTensor;
  mul(other: GradTensor | number | boolean): GradTensor;
  div(other: GradTensor | number | boolean): GradTensor;
  pow(exponent: GradTensor | number | boolean): GradTensor;
  neg(): GradTensor;
  exp(): GradTensor;
  log(): GradTensor;
  sin(): GradTensor;
  cos(): GradTensor;
  sign(): GradTensor;
  eq(other: GradTensor | number | boolean): GradTensor;
  ne(other: GradTensor | number | boolean): GradTensor;
  lt(other: GradTensor | number | boolean): GradTensor;
  gt(other: GradTensor | number | boolean): GradTensor;
  logicalAnd(other: GradTensor | number | boolean): GradTensor;
  /** `where(condition, this, other)`. */
  where(condition: GradTensor, other: GradTensor | number | boolean): GradTensor;
  cast(dtype: DType): GradTensor;

  sum(axis?: number | readonly number[] | null, keepDims?: boolean): GradTensor;
  prod(axis?: number | readonly number[] | null, keepDims?: boolean): GradTensor;
  /** Sums broadcast dimensions away so the result has `shape` (the adjoint of broadcasting). */
  sumToSize(shape: readonly number[]): GradTensor;
  matmul(other: GradTensor, options?: { transposeA?: boolean; transposeB?: boolean }): GradTensor;

  reshape(shape: readonly number[]): GradTensor;
  permute(perm: readonly number[]): GradTensor;
  slice(begin: readonly number[], size: readonly number[]): GradTensor;
  /** Pads each axis with `[before, after]` elements of `value`. */
  padAxes(paddings: readonly (readonly [number, number])[], value?: number): GradTensor;
  /** This tensor followed by `others` along `axis`. */
  concat(others: readonly GradTensor[], axis: number): GradTensor;
  flip(axes: number | readonly number[]): GradTensor;
  broadcastTo(shape: readonly number[]): GradTensor;
  gather(axis: number, index: GradTensor): GradTensor;
  scatterAdd(axis: number, index: GradTensor, source: GradTensor): GradTensor;

  zerosLike(): GradTensor;
  onesLike(): GradTensor;
  /** A new tensor on the same backend with these values. */
  newTensor(values: TypedArray | readonly number[], shape: readonly number[], dtype?: DType): GradTensor;
  detach(): GradTensor;
  backward(gradient?: GradTensor, options?: { retainGraph?: boolean }): void;
  data(): Promise<TypedArray>;
  dispose(): void;
}

/** How the engine asks the tensor package to manage memory during a backward pass. */
export interface MemoryHooks {
  /** Runs `fn`, disposing every tensor it made except those it returns. */
  tidy<R>(fn: () => R): R;
  /** Takes `tensor` out of all enclosing `tidy` scopes: its owner (a leaf's gradient slot) frees it. */
  keep(tensor: GradTensor): void;
}
