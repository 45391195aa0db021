import type { ReducePrimitive, TypedArray } from '@neurite/backend';
import { normalizeBool, type CpuKernel, type Operand } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { contiguousStrides } from '../strides.js';
import type { WasmKernels } from '../wasm/kernel-module.js';

/**
 * Accumulators: a double for float and bool outputs (so a float32 sum carries ~53 bits, not 24), an
 * int32 for int32 outputs (so sums and products wrap exactly as int32 arithmetic does).
 */
type Accumulators = Float64Array | Int32Array;

/** Reduces `length` elements of `input` starting at `start` (stride 1) to one value. */
type SegmentReduction = (input: TypedArray, start: number, length: number) => number;

/** Folds one row of the input into the accumulators: `accumulators[a] = accumulators[a] op input[i]`. */
type RowReduction = (
  input: TypedArray, inputIndex: number, inputStride: number,
  accumulators: Accumulators, accumulatorIndex: number, accumulatorStride: number,
  length: number,
) => void;

interface Reduction {
  readonly identity: number;
  readonly segment: SegmentReduction;
  readonly row: RowReduction;
}

// Math.max/Math.min return NaN when either side is NaN, so max and min propagate NaN like PyTorch.
const floatReductions: Record<ReducePrimitive, Reduction> = {
  sum: {
    identity: 0,
    segment: (input, start, length) => {
      let total = 0;
      for (let i = start; i < start + length; i++) total += input[i];
      return total;
    },
    row: (input, inputIndex, inputStride, accumulators, accumulatorIndex, accumulatorStride, length) => {
      for (let i = 0; i < length; i++, inputIndex += inputStride, accumulatorIndex += accumulatorStride) accumulators[accumulatorIndex] += input[inputIndex];
    },
  },
  prod: {
    identity: 1,
    segment: (input, start, length) => {
      let product = 1;
      for (let i = start; i < start + length; i++) product *= input[i];
      return product;
    },
    row: (input, inputIndex, inputStride, accumulators, accumulatorIndex, accumulatorStride, length) => {
      for (let i = 0; i < length; i++, inputIndex += inputStride, accumulatorIndex += accumulatorStride) accumulators[accumulatorIndex] *= input[inputIndex];
    },
  },
  max: {
    identity: -Infinity,
    segment: (input, start, length) => {
      let largest = -Infinity;
      for (let i = start; i < start + length; i++) largest = Math.max(largest, input[i]);
      return largest;
    },
    row: (input, inputIndex, inputStride, accumulators, accumulatorIndex, accumulatorStride, length) => {
      for (let i = 0; i < length; i++, inputIndex += inputStride, accumulatorIndex += accumulatorStride) {
        accumulators[accumulatorIndex] = Math.max(accumulators[accumulatorIndex], input[inputIndex]);
      }
    },
  },
  min: {
    identity: Infinity,
    segment: (input, start, length) => {
      let smallest = Infinity;
      for (let i = start; i < start + length; i++) smallest = Math.min(smallest, input[i]);
      return smallest;
    },
    row: (input, inputIndex, inputStride, accumulators, accumulatorIndex, accumulatorStride, length) => {
      for (let i = 0; i < length; i++, inputIndex += inputStride, accumulatorIndex += accumulatorStride) {
        accumulators[accumulatorIndex] = Math.min(accumulators[accumulatorIndex], input[inputIndex]);
      }
    },
  },
};

const int32Reductions: Record<ReducePrimitive, Reduction> = {
  sum: {
    identity: 0,
    segment: (input, start, length) => {
      let total = 0;
      for (let i = start; i < start + length; i++) total = (total + input[i]) | 0;
      return total;
    },
    row: floatReductions.sum.row,
  },
  prod: {
    identity: 1,
    segment: (input, start, length) => {
      let product = 1;
      for (let i = start; i < start + length; i++) product = Math.imul(product, input[i]);
      return product;
    },
    row: (input, inputIndex, inputStride, accumulators, accumulatorIndex, accumulatorStride, length) => {
      for (let i = 0; i < length; i++, inputIndex += inputStride, accumulatorIndex += accumulatorStride) {
        accumulators[accumulatorIndex] = Math.imul(accumulators[accumulatorIndex], input[inputIndex]);
      }
    },
  },
  max: { ...floatReductions.max, identity: -2147483648 },
  min: { ...floatReductions.min, identity: 2147483647 },
};

/**
 * Sum, product, max or min over `attributes.axes`, keeping them as size-1 axes. A reduction whose
 * reduced axes all come after its kept ones (the common "last axis" case) reduces contiguous
 * segments with a local accumulator; any other pattern walks the input once in memory order and
 * folds each element into its output's accumulator.
 */
export function reduceKernel(op: ReducePrimitive): CpuKernel<ReducePrimitive> {
  return ([input], { axes }, output) => {
    const reduction = (output.dtype === 'int32' ? int32Reductions : floatReductions)[op];
    const reduced = input.shape.map((size, axis) => axes.includes(axis) && size !== 1);
    if (!reduced.includes(true)) {
      output.values.set(input.values);
    } else if (reducedAxesAreTrailing(input.shape, reduced)) {
      reduceSegments(reduction, input.values, output.values);
    } else {
      reduceStrided(reduction, input, output, reduced);
    }
    normalizeBool(output);
  };
}

/**
 * Float32 sum, max and min on the WebAssembly kernels where the reduced axes are not all trailing
 * (the strided walk, where JavaScript spends its time); everything else takes the TypeScript
 * kernel. Same order of accumulation as TypeScript: the same bits.
 */
export function wasmReduceKernel(wasm: WasmKernels, op: ReducePrimitive): CpuKernel<ReducePrimitive> {
  const typescript = reduceKernel(op);
  if (op === 'prod') return typescript;
  const row = wasm.reduceRow[op];
  return (inputs, attributes, output) => {
    const [input] = inputs;
    const reduced = input.shape.map((size, axis) => attributes.axes.includes(axis) && size !== 1);
    if (output.dtype !== 'float32' || input.dtype !== 'float32' || !reduced.includes(true) || reducedAxesAreTrailing(input.shape, reduced)) {
      typescript(inputs, attributes, output);
      return;
    }
    const count = output.values.length;
    const sums = op === 'sum' ? wasm.scratch.allocate(8 * count) : 0;
    try {
      if (op === 'sum') wasm.fillDouble(sums, count, 0);
      else output.values.fill(op === 'max' ? -Infinity : Infinity);
      const accumulators = op === 'sum' ? sums : output.offset;
      const width = op === 'sum' ? 8 : 4;
      const outputStrides = contiguousStrides(output.shape).map((stride, axis) => (reduced[axis] ? 0 : stride));
      const walk = new StridedRows(input.shape, [contiguousStrides(input.shape), outputStrides]);
      const { offsets, rowStrides, rowLength } = walk;
      for (let r = 0; r < walk.rowCount; r++) {
        row(accumulators + width * offsets[1], rowStrides[1], input.offset + 4 * offsets[0], rowStrides[0], rowLength);
        walk.next();
      }
      if (op === 'sum') wasm.demote(output.offset, sums, count);
    } finally {
      if (op === 'sum') wasm.scratch.free(sums, 8 * count);
    }
  };
}

function reducedAxesAreTrailing(shape: readonly number[], reduced: readonly boolean[]): boolean {
  let seenReduced = false;
  for (let axis = 0; axis < shape.length; axis++) {
    if (reduced[axis]) seenReduced = true;
    else if (seenReduced && shape[axis] !== 1) return false;
  }
  return true;
}

function reduceSegments(reduction: Reduction, input: TypedArray, output: TypedArray): void {
  const segmentLength = output.length === 0 ? 0 : input.length / output.length;
  for (let index = 0; index < output.length; index++) {
    output[index] = reduction.segment(input, index * segmentLength, segmentLength);
  }
}

function reduceStrided(reduction: Reduction, input: Operand, output: Operand, reduced: readonly boolean[]): void {
  const accumulators = output.dtype === 'int32' ? new Int32Array(output.values.length) : new Float64Array(output.values.length);
  accumulators.fill(reduction.identity);
  const outputStrides = contiguousStrides(output.shape).map((stride, axis) => (reduced[axis] ? 0 : stride));
  const walk = new StridedRows(input.shape, [contiguousStrides(input.shape), outputStrides]);
  const { offsets, rowStrides, rowLength } = walk;
  for (let r = 0; r < walk.rowCount; r++) {
    reduction.row(input.values, offsets[0], rowStrides[0], accumulators, offsets[1], rowStrides[1], rowLength);
    walk.next();
  }
  output.values.set(accumulators);
}
