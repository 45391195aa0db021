import type { CpuKernel } from '../operand.js';

/**
 * Converts to the output dtype. Typed-array assignment already does the rest of the contract:
 * storing into Int32Array truncates toward zero (NaN becomes 0), and bool 0/1 reads as 0/1.
 */
export const castKernel: CpuKernel<'cast'> = ([input], _attributes, output) => {
  const source = input.values;
  const target = output.values;
  if (output.dtype === 'bool') {
    // NaN != 0, so NaN casts to true, as in PyTorch.
    for (let i = 0; i < source.length; i++) target[i] = source[i] !== 0 ? 1 : 0;
  } else {
    target.set(source);
  }
};
