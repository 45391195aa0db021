import { COMPARISON_PRIMITIVES, type BinaryPrimitive, type TypedArray } from '@neurite/backend';
import { normalizeBool, type CpuKernel, type Operand } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { broadcastStrides, contiguousStrides } from '../strides.js';
import type { WasmKernels } from '../wasm/kernel-module.js';
import type { WasmBinaryOp, WasmComparisonOp } from '../wasm/kernels/elementwise.js';

/**
 * One row of a binary op: `output[start + i] = a[aIndex + i*aStride] op b[bIndex + i*bStride]`.
 * A contiguous same-shape op is one row with both strides 1; a scalar operand has stride 0.
 */
type BinaryRow = (
  output: TypedArray, start: number,
  a: TypedArray, aIndex: number, aStride: number,
  b: TypedArray, bIndex: number, bStride: number,
  length: number,
) => void;

/** C's pow (what PyTorch calls): unlike JavaScript's `**`, 1^NaN and (-1)^±Infinity are 1. */
export function powFloat(base: number, exponent: number): number {
  if (base === 1) return 1;
  if (base === -1 && (exponent === Infinity || exponent === -Infinity)) return 1;
  return base ** exponent;
}

/**
 * Integer power that wraps like int32 arithmetic. A negative exponent gives the truncated quotient
 * 1 / base^|exponent|: 0 unless |base| is 1 (and 0 for base 0, where PyTorch raises an error).
 */
export function powInt32(base: number, exponent: number): number {
  if (exponent < 0) return base === 1 ? 1 : base === -1 ? (exponent % 2 === 0 ? 1 : -1) : 0;
  let result = 1;
  let square = base;
  for (let remaining = exponent; remaining > 0; remaining >>>= 1) {
    if (remaining & 1) result = Math.imul(result, square);
    square = Math.imul(square, square);
  }
  return result;
}

const rows: Record<BinaryPrimitive, BinaryRow> = {
  add: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] + b[bIndex];
  },
  sub: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] - b[bIndex];
  },
  mul: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] * b[bIndex];
  },
  div: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] / b[bIndex];
  },
  pow: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = powFloat(a[aIndex], b[bIndex]);
  },
  // Math.max and Math.min return NaN when either side is NaN, as PyTorch's maximum/minimum do.
  maximum: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = Math.max(a[aIndex], b[bIndex]);
  },
  minimum: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = Math.min(a[aIndex], b[bIndex]);
  },
  eq: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] === b[bIndex] ? 1 : 0;
  },
  ne: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] !== b[bIndex] ? 1 : 0;
  },
  lt: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] < b[bIndex] ? 1 : 0;
  },
  le: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] <= b[bIndex] ? 1 : 0;
  },
  gt: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] > b[bIndex] ? 1 : 0;
  },
  ge: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] >= b[bIndex] ? 1 : 0;
  },
  // NaN is truthy here (NaN != 0), as in PyTorch.
  logicalAnd: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] !== 0 && b[bIndex] !== 0 ? 1 : 0;
  },
  logicalOr: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = a[aIndex] !== 0 || b[bIndex] !== 0 ? 1 : 0;
  },
};

/**
 * Where int32 results differ from rounding the exact result: a product of two int32 values can
 * exceed 2^53, so it must wrap as it goes (Math.imul), and so must integer powers.
 * Sums and differences are exact in a double, and storing into Int32Array wraps them correctly.
 */
const int32Rows: Partial<Record<BinaryPrimitive, BinaryRow>> = {
  mul: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = Math.imul(a[aIndex], b[bIndex]);
  },
  pow: (output, start, a, aIndex, aStride, b, bIndex, bStride, length) => {
    for (let i = 0; i < length; i++, aIndex += aStride, bIndex += bStride) output[start + i] = powInt32(a[aIndex], b[bIndex]);
  },
};

const COMPARISONS: ReadonlySet<BinaryPrimitive> = new Set(COMPARISON_PRIMITIVES);

/**
 * Calls `visit(outputIndex, aIndex, aStride, bIndex, bStride, length)` (element units) for every row
 * of a binary op broadcast to the output's shape. An operand with the output's size is not
 * broadcast, one of size 1 is a scalar: then a single flat row does it, without building a strided
 * walk (what small eager ops spend their time on).
 */
function forEachBroadcastRow(
  a: Operand, b: Operand, output: Operand,
  visit: (outputIndex: number, aIndex: number, aStride: number, bIndex: number, bStride: number, length: number) => void,
): void {
  const size = output.values.length;
  const aLength = a.values.length;
  const bLength = b.values.length;
  if ((aLength === size || aLength === 1) && (bLength === size || bLength === 1)) {
    visit(0, 0, aLength === size ? 1 : 0, 0, bLength === size ? 1 : 0, size);
    return;
  }
  const walk = new StridedRows(output.shape, [
    contiguousStrides(output.shape),
    broadcastStrides(a.shape, output.shape),
    broadcastStrides(b.shape, output.shape),
  ]);
  const { offsets, rowStrides, rowLength } = walk;
  for (let r = 0; r < walk.rowCount; r++) {
    visit(offsets[0], offsets[1], rowStrides[1], offsets[2], rowStrides[2], rowLength);
    walk.next();
  }
}

/** The kernel for one binary primitive, broadcasting both inputs to the output shape. */
export function binaryKernel(op: BinaryPrimitive): CpuKernel<BinaryPrimitive> {
  const comparison = COMPARISONS.has(op);
  return ([a, b], _attributes, output) => {
    const row = (output.dtype === 'int32' ? int32Rows[op] : undefined) ?? rows[op];
    forEachBroadcastRow(a, b, output, (outputIndex, aIndex, aStride, bIndex, bStride, length) =>
      row(output.values, outputIndex, a.values, aIndex, aStride, b.values, bIndex, bStride, length));
    if (!comparison) normalizeBool(output);
  };
}

/**
 * A float32 binary op (or comparison, into bools) on the WebAssembly SIMD kernel: one call for a
 * flat op, one per row of the broadcast walk otherwise; other dtypes take the TypeScript kernel.
 */
export function wasmBinaryKernel(wasm: WasmKernels, op: WasmBinaryOp | WasmComparisonOp): CpuKernel<BinaryPrimitive> {
  const typescript = binaryKernel(op);
  const comparison = COMPARISONS.has(op);
  const row = comparison ? wasm.compare[op as WasmComparisonOp] : wasm.binary[op as WasmBinaryOp];
  const outputWidth = comparison ? 1 : 4;
  return (inputs, attributes, output) => {
    const [a, b] = inputs;
    if (output.dtype !== (comparison ? 'bool' : 'float32') || a.dtype !== 'float32' || b.dtype !== 'float32') return typescript(inputs, attributes, output);
    forEachBroadcastRow(a, b, output, (outputIndex, aIndex, aStride, bIndex, bStride, length) =>
      row(output.offset + outputWidth * outputIndex, a.offset + 4 * aIndex, aStride, b.offset + 4 * bIndex, bStride, length));
  };
}
