import type { IndexErrorLabel } from './plugin-kernels.js';

/**
 * The closed set of primitives. Everything else in Neurite (softmax, layer norm, losses, attention)
 * is composed from these in TypeScript. Each primitive has one kernel per backend (except `reshape`,
 * which only changes metadata) and one gradient rule in `@neurite/autograd`.
 *
 * Conventions every kernel follows:
 * - Inputs and outputs are dense, row-major and contiguous.
 * - The front end computes the output shape and dtype and validates everything before a kernel runs;
 *   kernels never see invalid input.
 * - Binary ops and `where` broadcast their inputs (NumPy rules) to the output shape.
 * - Reductions keep reduced dimensions as size 1 (the front end reshapes afterwards).
 */

export const UNARY_PRIMITIVES = [
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal',
  'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'erf', 'floor', 'ceil', 'round', 'logicalNot',
] as const;
export type UnaryPrimitive = (typeof UNARY_PRIMITIVES)[number];

export const BINARY_PRIMITIVES = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum',
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr',
] as const;
export type BinaryPrimitive = (typeof BINARY_PRIMITIVES)[number];

/** Binary primitives whose result is `bool` whatever the input dtype. */
export const COMPARISON_PRIMITIVES = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'] as const;

export const REDUCE_PRIMITIVES = ['sum', 'prod', 'max', 'min'] as const;
export type ReducePrimitive = (typeof REDUCE_PRIMITIVES)[number];

export const ARG_REDUCE_PRIMITIVES = ['argmax', 'argmin'] as const;
export type ArgReducePrimitive = (typeof ARG_REDUCE_PRIMITIVES)[number];

/** Attributes of each primitive. Kernels receive exactly these. */
export interface PrimitiveAttributes
  extends Record<UnaryPrimitive, Record<string, never>>,
    Record<BinaryPrimitive, Record<string, never>>,
    Record<ReducePrimitive, { readonly axes: readonly number[] }>,
    Record<ArgReducePrimitive, { readonly axis: number }> {
  /** `where(condition, a, b)`, broadcasting all three. */
  where: Record<string, never>;
  /**
   * Converts to the output dtype. float→int truncates toward zero, NaN becomes 0 and values beyond
   * the int32 range saturate; anything→bool is `!= 0` (see `Backend`).
   */
  cast: Record<string, never>;
  /** Batched `a @ b` with broadcast batch dimensions, optionally transposing the last two axes. */
  matmul: { readonly transposeA: boolean; readonly transposeB: boolean };
  /** Reorders axes: output axis i is input axis perm[i]. */
  permute: { readonly perm: readonly number[] };
  /** A contiguous window starting at `begin`; its size is the output shape. */
  slice: { readonly begin: readonly number[] };
  /** Pads with a constant; `before[i]` elements before each axis, the rest after (from the output shape). */
  pad: { readonly before: readonly number[]; readonly value: number };
  /** Joins the inputs along `axis`. */
  concat: { readonly axis: number };
  /** Reverses the listed axes. */
  flip: { readonly axes: readonly number[] };
  /** Broadcasts the input (NumPy rules) to the output shape. */
  expand: Record<string, never>;
  /**
   * `out[..i..] = x[..index[..i..]..]` along `axis` (PyTorch `gather`); inputs: x, index (int32).
   * An index outside the axis is a `KernelDataError`, worded by `label` for the op the user called.
   */
  gather: { readonly axis: number; readonly label?: IndexErrorLabel };
  /** `out = target; out[..index[..i..]..] += source[..i..]` along `axis`; inputs: target, index, source. */
  scatterAdd: { readonly axis: number; readonly label?: IndexErrorLabel };
  /** Changes the shape only. No kernel: the front end shares the buffer. */
  reshape: { readonly shape: readonly number[] };
}

export type Primitive = keyof PrimitiveAttributes;

/** Primitives that run a kernel (all but the metadata-only `reshape`). */
export type KernelPrimitive = Exclude<Primitive, 'reshape'>;

export const SHAPE_PRIMITIVES = ['permute', 'slice', 'pad', 'concat', 'flip', 'expand'] as const;
export const INDEX_PRIMITIVES = ['gather', 'scatterAdd'] as const;

/** Every primitive that runs a kernel, for conformance suites and kernel tables. */
export const KERNEL_PRIMITIVES: readonly KernelPrimitive[] = [
  ...UNARY_PRIMITIVES,
  ...BINARY_PRIMITIVES,
  ...REDUCE_PRIMITIVES,
  ...ARG_REDUCE_PRIMITIVES,
  'where',
  'cast',
  'matmul',
  ...SHAPE_PRIMITIVES,
  ...INDEX_PRIMITIVES,
];

export function isUnaryPrimitive(name: string): name is UnaryPrimitive {
  return (UNARY_PRIMITIVES as readonly string[]).includes(name);
}

export function isBinaryPrimitive(name: string): name is BinaryPrimitive {
  return (BINARY_PRIMITIVES as readonly string[]).includes(name);
}
