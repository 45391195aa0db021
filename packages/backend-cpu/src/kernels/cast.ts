import type { WasmKernels } from '../wasm/kernel-module.js';
import type { CpuKernel } from '../operand.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Converts to the output dtype, as the contract writes it: float→int32 truncates toward zero,
 * NaN becomes 0 and values beyond the int32 range saturate (typed-array assignment alone would
 * wrap them modulo 2^32); anything→bool is `!= 0`; bool and int32→float32 are exact or round.
 */
export const castKernel: CpuKernel<'cast'> = ([input], _attributes, output) => {
  const source = input.values;
  const target = output.values;
  if (output.dtype === 'bool') {
    // NaN != 0, so NaN casts to true, as in PyTorch.
    for (let i = 0; i < source.length; i++) target[i] = source[i] !== 0 ? 1 : 0;
  } else if (output.dtype === 'int32' && input.dtype === 'float32') {
    for (let i = 0; i < source.length; i++) {
      const value = source[i];
      target[i] = value >= INT32_MAX ? INT32_MAX : value <= INT32_MIN ? INT32_MIN : value !== value ? 0 : value;
    }
  } else {
    target.set(source);
  }
};

/** bool → float32 on the WebAssembly SIMD kernel (the gradient masks of relu and max); the rest in TypeScript. */
export function wasmCastKernel(wasm: WasmKernels): CpuKernel<'cast'> {
  return (inputs, attributes, output) => {
    const [input] = inputs;
    if (input.dtype === 'bool' && output.dtype === 'float32') wasm.castBoolToFloat(output.offset, input.offset, output.values.length);
    else castKernel(inputs, attributes, output);
  };
}
