import { KernelDataError, indexOutOfRangeMessage } from '@neurite/backend';
import type { CpuKernel, Operand } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { contiguousStrides, withoutAxis } from '../strides.js';
import type { WasmKernels } from '../wasm/kernel-module.js';

/**
 * Index values are the one input the front end cannot check without reading data, so kernels do,
 * in the words of the op the user called (`label`).
 */

/** The walk of gather over the index: rows of [index, x] positions, x without its axis stride. */
function gatherWalk(x: Operand, index: Operand, axis: number): { walk: StridedRows; axisStride: number; axisSize: number } {
  const xStrides = contiguousStrides(x.shape);
  const walk = new StridedRows(index.shape, [contiguousStrides(index.shape), withoutAxis(xStrides, axis)]);
  return { walk, axisStride: xStrides[axis], axisSize: x.shape[axis] };
}

/** The walk of scatterAdd over the index: rows of [index, source, target] positions, target without its axis stride. */
function scatterWalk(target: Operand, index: Operand, source: Operand, axis: number): { walk: StridedRows; axisStride: number; axisSize: number } {
  const targetStrides = contiguousStrides(target.shape);
  const walk = new StridedRows(index.shape, [contiguousStrides(index.shape), contiguousStrides(source.shape), withoutAxis(targetStrides, axis)]);
  return { walk, axisStride: targetStrides[axis], axisSize: target.shape[axis] };
}

/**
 * PyTorch `gather`: `out[p] = x[p with p[axis] replaced by index[p]]`, for every position p of
 * `index` (the output has its shape). The walk is over the index; x is read with its own strides,
 * with the axis stride left out and added back from each index value.
 */
export const gatherKernel: CpuKernel<'gather'> = ([x, index], { axis, label }, output) => {
  const { walk, axisStride, axisSize } = gatherWalk(x, index, axis);
  const { offsets, rowLength } = walk;
  const [indexStride, xStride] = walk.rowStrides;
  const indices = index.values;
  const source = x.values;
  const result = output.values;
  for (let r = 0; r < walk.rowCount; r++) {
    let indexPosition = offsets[0];
    let xPosition = offsets[1];
    for (let i = 0; i < rowLength; i++, indexPosition += indexStride, xPosition += xStride) {
      const value = indices[indexPosition];
      if (!(value >= 0 && value < axisSize)) throw new KernelDataError(indexOutOfRangeMessage('gather', value, axis, axisSize, label));
      result[indexPosition] = source[xPosition + value * axisStride];
    }
    walk.next();
  }
};

/**
 * PyTorch `scatter_add`: the output starts as a copy of `target`, then for every position p of
 * `index`, `out[p with p[axis] replaced by index[p]] += source[p]`, in row-major order of p.
 */
export const scatterAddKernel: CpuKernel<'scatterAdd'> = ([target, index, source], { axis, label }, output) => {
  const result = output.values;
  result.set(target.values);
  const { walk, axisStride, axisSize } = scatterWalk(target, index, source, axis);
  const { offsets, rowLength } = walk;
  const [indexStride, sourceStride, targetStride] = walk.rowStrides;
  const indices = index.values;
  const additions = source.values;
  const logical = output.dtype === 'bool';
  for (let r = 0; r < walk.rowCount; r++) {
    let indexPosition = offsets[0];
    let sourcePosition = offsets[1];
    let targetPosition = offsets[2];
    for (let i = 0; i < rowLength; i++, indexPosition += indexStride, sourcePosition += sourceStride, targetPosition += targetStride) {
      const value = indices[indexPosition];
      if (!(value >= 0 && value < axisSize)) throw new KernelDataError(indexOutOfRangeMessage('scatterAdd', value, axis, axisSize, label));
      const position = targetPosition + value * axisStride;
      // Bool adds as logical or; a byte sum would wrap to false after 256 additions.
      result[position] = logical ? (result[position] !== 0 || additions[sourcePosition] !== 0 ? 1 : 0) : result[position] + additions[sourcePosition];
    }
    walk.next();
  }
};

/** gather on the WebAssembly row kernel for 4-byte dtypes (float32, int32); bool stays in TypeScript. */
export function wasmGatherKernel(wasm: WasmKernels): CpuKernel<'gather'> {
  return (inputs, attributes, output) => {
    const [x, index] = inputs;
    if (x.dtype === 'bool') return gatherKernel(inputs, attributes, output);
    const { axis, label } = attributes;
    const { walk, axisStride, axisSize } = gatherWalk(x, index, axis);
    const { offsets, rowLength } = walk;
    const [indexStride, xStride] = walk.rowStrides;
    for (let r = 0; r < walk.rowCount; r++) {
      const bad = wasm.gatherRow(
        output.offset + 4 * offsets[0], x.offset + 4 * offsets[1], index.offset + 4 * offsets[0],
        rowLength, 4 * indexStride, 4 * xStride, axisSize, 4 * axisStride);
      if (bad >= 0) throw new KernelDataError(indexOutOfRangeMessage('gather', index.values[offsets[0] + bad * indexStride], axis, axisSize, label));
      walk.next();
    }
  };
}

/** scatterAdd on the WebAssembly row kernel for float32, in the same order as the TypeScript form. */
export function wasmScatterAddKernel(wasm: WasmKernels): CpuKernel<'scatterAdd'> {
  return (inputs, attributes, output) => {
    if (output.dtype !== 'float32') return scatterAddKernel(inputs, attributes, output);
    const [target, index, source] = inputs;
    const { axis, label } = attributes;
    output.values.set(target.values);
    const { walk, axisStride, axisSize } = scatterWalk(target, index, source, axis);
    const { offsets, rowLength } = walk;
    const [indexStride, sourceStride, targetStride] = walk.rowStrides;
    for (let r = 0; r < walk.rowCount; r++) {
      const bad = wasm.scatterAddRow(
        output.offset + 4 * offsets[2], index.offset + 4 * offsets[0], source.offset + 4 * offsets[1],
        rowLength, 4 * indexStride, 4 * sourceStride, 4 * targetStride, axisSize, 4 * axisStride);
      if (bad >= 0) throw new KernelDataError(indexOutOfRangeMessage('scatterAdd', index.values[offsets[0] + bad * indexStride], axis, axisSize, label));
      walk.next();
    }
  };
}
