import type { DType, KernelPrimitive, PrimitiveAttributes, TypedArray } from '@neurite/backend';

/** A kernel argument with its values resolved: what every CPU kernel works on. */
export interface Operand {
  readonly values: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Byte offset of the values in the heap, for WebAssembly kernels. */
  readonly offset: number;
}

/**
 * A CPU kernel writes its result into `output.values`, which the kernel table allocated from the
 * output shape and dtype. The output is not zeroed (heap blocks are reused): the kernel writes
 * every element. Keeping allocation and buffer bookkeeping out of the kernels lets them be plain
 * functions over typed arrays.
 */
export type CpuKernel<P extends KernelPrimitive> = (
  inputs: readonly Operand[],
  attributes: PrimitiveAttributes[P],
  output: Operand,
) => void;

/** Rewrites a bool output as 0/1, for kernels whose arithmetic can leave other values in a byte. */
export function normalizeBool(output: Operand): void {
  if (output.dtype !== 'bool') return;
  const values = output.values;
  for (let index = 0; index < values.length; index++) values[index] = values[index] !== 0 ? 1 : 0;
}
