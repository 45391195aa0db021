import { contiguousStrides, sizeOf, type BinaryPrimitive, type DataId, type KernelInput, type KernelOutput, type PrimitiveAttributes, type UnaryPrimitive } from '@neurite/backend';
import { binaryExpression, castExpression, unaryExpression } from './elementwise-expressions.js';
import type { KernelRuntime } from './kernel-runtime.js';
import { broadcastOperand, runStridedMap, type MapOperand } from './strided-map.js';

/** The primitives that are one strided map each: elementwise ops, conversions and copies. */

const identity = (values: readonly string[]): string => values[0];

function linearOutput(runtime: KernelRuntime, output: KernelOutput, op: string) {
  const buffer = runtime.allocate(sizeOf(output.shape), output.dtype, op);
  return { buffer, operand: { dtype: output.dtype, addressing: 'linear' } as MapOperand };
}

export function unaryKernel(runtime: KernelRuntime, op: UnaryPrimitive) {
  return ([x]: readonly KernelInput[], _attributes: unknown, output: KernelOutput): DataId => {
    const expression = unaryExpression(op, x.dtype, output.dtype);
    const result = linearOutput(runtime, output, op);
    runStridedMap(runtime, {
      expressionKey: `unary.${op}`,
      label: op,
      expression: ([v]) => expression(v),
      iterationShape: output.shape,
      inputs: [{ buffer: runtime.input(x, op), operand: { dtype: x.dtype, addressing: 'linear' } }],
      output: result,
    });
    return result.buffer;
  };
}

export function binaryKernel(runtime: KernelRuntime, op: BinaryPrimitive) {
  return ([a, b]: readonly KernelInput[], _attributes: unknown, output: KernelOutput): DataId => {
    const expression = binaryExpression(op, a.dtype, output.dtype);
    const result = linearOutput(runtime, output, op);
    runStridedMap(runtime, {
      expressionKey: `binary.${op}`,
      label: op,
      expression: ([left, right]) => expression(left, right),
      iterationShape: output.shape,
      inputs: [a, b].map((input) => ({ buffer: runtime.input(input, op), operand: broadcastOperand(input.dtype, input.shape, output.shape) })),
      output: result,
    });
    return result.buffer;
  };
}

export function whereKernel(runtime: KernelRuntime) {
  return (inputs: readonly KernelInput[], _attributes: unknown, output: KernelOutput): DataId => {
    const result = linearOutput(runtime, output, 'where');
    runStridedMap(runtime, {
      expressionKey: 'where',
      label: 'where',
      expression: ([condition, a, b]) => `select(${b}, ${a}, ${condition} != 0u)`,
      iterationShape: output.shape,
      inputs: inputs.map((input) => ({ buffer: runtime.input(input, 'where'), operand: broadcastOperand(input.dtype, input.shape, output.shape) })),
      output: result,
    });
    return result.buffer;
  };
}

export function castKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], _attributes: unknown, output: KernelOutput): DataId => {
    const expression = castExpression(x.dtype, output.dtype);
    const result = linearOutput(runtime, output, 'cast');
    runStridedMap(runtime, {
      expressionKey: 'cast',
      label: 'cast',
      expression: ([v]) => expression(v),
      iterationShape: output.shape,
      inputs: [{ buffer: runtime.input(x, 'cast'), operand: { dtype: x.dtype, addressing: 'linear' } }],
      output: result,
    });
    return result.buffer;
  };
}

/** A copy of `x` read with `offset` and per-output-axis `strides`. */
function stridedCopy(runtime: KernelRuntime, op: string, x: KernelInput, output: KernelOutput, offset: number, strides: readonly number[]): DataId {
  const result = linearOutput(runtime, output, op);
  const operand: MapOperand = sizeOf(x.shape) === 1 ? { dtype: x.dtype, addressing: 'scalar' } : { dtype: x.dtype, addressing: 'strided', offset, strides };
  runStridedMap(runtime, { expressionKey: 'copy', label: op, expression: identity, iterationShape: output.shape, inputs: [{ buffer: runtime.input(x, op), operand }], output: result });
  return result.buffer;
}

export function expandKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], _attributes: unknown, output: KernelOutput): DataId => {
    const operand = broadcastOperand(x.dtype, x.shape, output.shape);
    return stridedCopy(runtime, 'expand', x, output, 0, operand.strides ?? contiguousStrides(output.shape));
  };
}

export function permuteKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], { perm }: PrimitiveAttributes['permute'], output: KernelOutput): DataId => {
    const strides = contiguousStrides(x.shape);
    return stridedCopy(runtime, 'permute', x, output, 0, perm.map((axis) => strides[axis]));
  };
}

export function sliceKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], { begin }: PrimitiveAttributes['slice'], output: KernelOutput): DataId => {
    const strides = contiguousStrides(x.shape);
    const offset = begin.reduce((total, start, axis) => total + start * strides[axis], 0);
    return stridedCopy(runtime, 'slice', x, output, offset, strides);
  };
}

export function flipKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], { axes }: PrimitiveAttributes['flip'], output: KernelOutput): DataId => {
    const strides = contiguousStrides(x.shape);
    let offset = 0;
    const flipped = strides.map((stride, axis) => {
      if (!axes.includes(axis)) return stride;
      offset += (x.shape[axis] - 1) * stride;
      return -stride;
    });
    return stridedCopy(runtime, 'flip', x, output, offset, flipped);
  };
}

/** Writes `x` whole into the window of `output` at element `offset` (output strides). */
function writeWindow(runtime: KernelRuntime, op: string, x: KernelInput, result: ReturnType<typeof linearOutput>, outputShape: readonly number[], offset: number): void {
  runStridedMap(runtime, {
    expressionKey: 'copy',
    label: op,
    expression: identity,
    iterationShape: x.shape,
    inputs: [{ buffer: runtime.input(x, op), operand: { dtype: x.dtype, addressing: 'linear' } }],
    output: { buffer: result.buffer, operand: { dtype: x.dtype, addressing: 'strided', offset, strides: contiguousStrides(outputShape) } },
  });
}

export function concatKernel(runtime: KernelRuntime) {
  return (inputs: readonly KernelInput[], { axis }: PrimitiveAttributes['concat'], output: KernelOutput): DataId => {
    const result = linearOutput(runtime, output, 'concat');
    const axisStride = contiguousStrides(output.shape)[axis];
    let position = 0;
    for (const input of inputs) {
      writeWindow(runtime, 'concat', input, result, output.shape, position * axisStride);
      position += input.shape[axis];
    }
    return result.buffer;
  };
}

/** Fills `size` elements of a new buffer with `value`. */
export function fillBuffer(runtime: KernelRuntime, size: number, value: number, dtype: KernelOutput['dtype'], op: string) {
  const result = linearOutput(runtime, { shape: [size], dtype }, op);
  runStridedMap(runtime, { expressionKey: 'fill', label: op, expression: () => 'fillValue', iterationShape: [size], inputs: [], output: result, value: { value, dtype } });
  return result;
}

export function padKernel(runtime: KernelRuntime) {
  return ([x]: readonly KernelInput[], { before, value }: PrimitiveAttributes['pad'], output: KernelOutput): DataId => {
    const result = fillBuffer(runtime, sizeOf(output.shape), value, output.dtype, 'pad');
    const strides = contiguousStrides(output.shape);
    writeWindow(runtime, 'pad', x, result, output.shape, before.reduce((total, count, axis) => total + count * strides[axis], 0));
    return result.buffer;
  };
}
