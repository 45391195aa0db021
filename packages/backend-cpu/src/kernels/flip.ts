import type { CpuKernel } from '../operand.js';
import { stridedCopy } from '../strided-copy.js';
import { contiguousStrides } from '../strides.js';

/** Reverses `axes`: read each flipped axis from its last element with a negated stride. */
export const flipKernel: CpuKernel<'flip'> = ([input], { axes }, output) => {
  const strides = contiguousStrides(input.shape);
  let start = 0;
  for (const axis of axes) {
    start += (input.shape[axis] - 1) * strides[axis];
    strides[axis] = -strides[axis];
  }
  stridedCopy(
    input.shape,
    { values: input.values, start, strides },
    { values: output.values, start: 0, strides: contiguousStrides(output.shape) },
  );
};
