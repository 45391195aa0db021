import type { CpuKernel } from '../operand.js';
import { stridedCopy } from '../strided-copy.js';
import { contiguousStrides } from '../strides.js';

function offsetOf(position: readonly number[], strides: readonly number[]): number {
  let offset = 0;
  for (let axis = 0; axis < position.length; axis++) offset += position[axis] * strides[axis];
  return offset;
}

/** The window of the input that starts at `begin` and has the output's shape. */
export const sliceKernel: CpuKernel<'slice'> = ([input], { begin }, output) => {
  const inputStrides = contiguousStrides(input.shape);
  stridedCopy(
    output.shape,
    { values: input.values, start: offsetOf(begin, inputStrides), strides: inputStrides },
    { values: output.values, start: 0, strides: contiguousStrides(output.shape) },
  );
};

/** Fills the output with `value`, then copies the input into the window that starts at `before`. */
export const padKernel: CpuKernel<'pad'> = ([input], { before, value }, output) => {
  output.values.fill(output.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
  const outputStrides = contiguousStrides(output.shape);
  stridedCopy(
    input.shape,
    { values: input.values, start: 0, strides: contiguousStrides(input.shape) },
    { values: output.values, start: offsetOf(before, outputStrides), strides: outputStrides },
  );
};
