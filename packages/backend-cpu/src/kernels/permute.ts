import type { CpuKernel } from '../operand.js';
import { stridedCopy } from '../strided-copy.js';
import { contiguousStrides } from '../strides.js';

/** Output axis i is input axis `perm[i]`: read the input with its strides reordered the same way. */
export const permuteKernel: CpuKernel<'permute'> = ([input], { perm }, output) => {
  const inputStrides = contiguousStrides(input.shape);
  stridedCopy(
    output.shape,
    { values: input.values, start: 0, strides: perm.map((axis) => inputStrides[axis]) },
    { values: output.values, start: 0, strides: contiguousStrides(output.shape) },
  );
};
