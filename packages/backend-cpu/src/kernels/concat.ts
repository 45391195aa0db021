import type { CpuKernel } from '../operand.js';
import { stridedCopy } from '../strided-copy.js';
import { contiguousStrides } from '../strides.js';

/** Joins the inputs along `axis`: each is copied into the output window where it belongs. */
export const concatKernel: CpuKernel<'concat'> = (inputs, { axis }, output) => {
  const outputStrides = contiguousStrides(output.shape);
  let position = 0;
  for (const input of inputs) {
    stridedCopy(
      input.shape,
      { values: input.values, start: 0, strides: contiguousStrides(input.shape) },
      { values: output.values, start: position * outputStrides[axis], strides: outputStrides },
    );
    position += input.shape[axis];
  }
};
