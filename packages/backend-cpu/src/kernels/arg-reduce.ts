import type { ArgReducePrimitive } from '@neurite/backend';
import type { CpuKernel } from '../operand.js';
import type { WasmKernels } from '../wasm/kernel-module.js';

/**
 * The int32 index of the largest (argmax) or smallest (argmin) element along `attributes.axis`.
 * Ties go to the first index. NaN wins over every number and the first NaN is kept, matching
 * PyTorch, whose max/min propagate NaN and whose argmax/argmin point at it.
 *
 * The input is viewed as [outer, axis, inner]; for each outer block the scan walks the axis with the
 * inner positions as the contiguous innermost loop, keeping the best value so far per position.
 */
export function argReduceKernel(op: ArgReducePrimitive): CpuKernel<ArgReducePrimitive> {
  const wantLargest = op === 'argmax';
  return ([input], { axis }, output) => {
    const shape = input.shape;
    const axisSize = shape[axis];
    let inner = 1;
    for (let dimension = axis + 1; dimension < shape.length; dimension++) inner *= shape[dimension];
    const outer = axisSize * inner === 0 ? 0 : input.values.length / (axisSize * inner);
    const values = input.values;
    const indices = output.values;
    const best = new Float64Array(inner);
    indices.fill(0); // the first index, until a better one is found
    for (let block = 0; block < outer; block++) {
      const blockStart = block * axisSize * inner;
      const outputStart = block * inner;
      for (let position = 0; position < inner; position++) best[position] = values[blockStart + position];
      for (let step = 1; step < axisSize; step++) {
        const rowStart = blockStart + step * inner;
        for (let position = 0; position < inner; position++) {
          const candidate = values[rowStart + position];
          const current = best[position];
          const better = wantLargest ? candidate > current : candidate < current;
          // A NaN candidate replaces a number but never an earlier NaN.
          if (better || (candidate !== candidate && current === current)) {
            best[position] = candidate;
            indices[outputStart + position] = step;
          }
        }
      }
    }
  };
}

/** Float32 argmax/argmin on the WebAssembly SIMD kernel (same ties and NaN rule); other dtypes in TypeScript. */
export function wasmArgReduceKernel(wasm: WasmKernels, op: ArgReducePrimitive): CpuKernel<ArgReducePrimitive> {
  const typescript = argReduceKernel(op);
  const run = wasm.argReduce[op];
  return (inputs, attributes, output) => {
    const [input] = inputs;
    if (input.dtype !== 'float32') return typescript(inputs, attributes, output);
    const shape = input.shape;
    const axisSize = shape[attributes.axis];
    let inner = 1;
    for (let dimension = attributes.axis + 1; dimension < shape.length; dimension++) inner *= shape[dimension];
    const outer = axisSize * inner === 0 ? 0 : input.values.length / (axisSize * inner);
    if (outer === 0) return;
    const best = wasm.scratch.allocate(4 * inner);
    try {
      run(output.offset, input.offset, outer, axisSize, inner, best);
    } finally {
      wasm.scratch.free(best, 4 * inner);
    }
  };
}
