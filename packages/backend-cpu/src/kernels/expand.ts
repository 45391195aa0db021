import type { CpuKernel } from '../operand.js';
import { stridedCopy } from '../strided-copy.js';
import { broadcastStrides, contiguousStrides } from '../strides.js';

/** Broadcasts the input to the output shape: broadcast axes are read with stride 0. */
export const expandKernel: CpuKernel<'expand'> = ([input], _attributes, output) => {
  stridedCopy(
    output.shape,
    { values: input.values, start: 0, strides: broadcastStrides(input.shape, output.shape) },
    { values: output.values, start: 0, strides: contiguousStrides(output.shape) },
  );
};
