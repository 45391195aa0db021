import { bytesPerElement, splitRanges as ranges, type KernelPrimitive, type PrimitiveAttributes } from '@neurite/backend';
import type { OperandRef } from './protocol.js';

/**
 * How a command's output is split among the workers. Every output element is written by exactly
 * one worker, with the CPU backend's kernels on a smaller problem whose per-element arithmetic is
 * the whole problem's, so the results are the CPU backend's bits whatever the pool's size:
 *
 * - elementwise ops over inputs of the output's shape: ranges of elements, in multiples of 16 (so
 *   each range's SIMD body and scalar tail line up with the whole range's);
 * - elementwise ops with broadcast, expand, permutes that keep axis 0, reductions that keep it,
 *   gathers and scatter-adds along another axis, row-wise softmax, batched matmul: ranges along
 *   axis 0, with the inputs that run along it sliced and the others passed whole;
 * - 2-D float32 matmul: ranges of rows of C in multiples of 8, on the path the whole product takes;
 * - everything else (the other copies, reductions over axis 0): one worker, whole.
 */

/** One part of a split call (any worker may claim it): sliced inputs and output, plus the rows of a 2-D product. */
export interface Share {
  readonly inputs: readonly OperandRef[];
  readonly output: OperandRef;
  readonly rows?: readonly [number, number];
}

/**
 * Below this many elements an op is not worth a second thread: about 8 µs of elementwise work,
 * against a handoff between threads (a wake, a barrier) of about 10 µs.
 */
export const SPLIT_MIN_ELEMENTS = 16384;
/** Below this many multiply-adds (about 10 µs at 25 GFLOP/s) a matmul is not worth a second thread. */
export const SPLIT_MIN_PRODUCTS = 1 << 18;

/** When work is split: the pool's size and the sizes below which an op runs whole. */
export interface SplitPolicy {
  /** Parts a split op is cut into: more than the workers, so that they balance (they claim parts as they come free). */
  readonly parts: number;
  readonly workers: number;
  readonly minElements: number;
  readonly minProducts: number;
  /** Whether the WebAssembly kernels run (2-D matmul rows split only there). */
  readonly wasm: boolean;
}

const ELEMENTWISE = new Set<string>([
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'erf', 'floor', 'ceil', 'round', 'logicalNot',
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'where', 'cast',
]);
const REDUCTIONS = new Set<string>(['sum', 'prod', 'max', 'min']);
const ARG_REDUCTIONS = new Set<string>(['argmax', 'argmin']);

function sliceElements(ref: OperandRef, start: number, end: number): OperandRef {
  return { offset: ref.offset + start * bytesPerElement(ref.dtype), length: end - start, shape: [end - start], dtype: ref.dtype };
}

function sliceRows(ref: OperandRef, start: number, end: number): OperandRef {
  const rowLength = ref.shape.length === 0 || ref.shape[0] === 0 ? 0 : ref.length / ref.shape[0];
  return {
    offset: ref.offset + start * rowLength * bytesPerElement(ref.dtype),
    length: (end - start) * rowLength,
    shape: [end - start, ...ref.shape.slice(1)],
    dtype: ref.dtype,
  };
}

/** Whether an input runs along the output's axis 0 (and is sliced with it) rather than being broadcast over it. */
function alongAxis0(input: OperandRef, output: OperandRef): boolean {
  return input.shape.length === output.shape.length && input.shape[0] === output.shape[0];
}

function byRows(inputs: readonly OperandRef[], output: OperandRef, sliced: readonly boolean[], parts: number, align = 1): Share[] | undefined {
  if (output.shape.length === 0 || output.shape[0] < 2) return undefined;
  return ranges(output.shape[0], parts, align).map(([start, end]) => ({
    inputs: inputs.map((input, index) => (sliced[index] ? sliceRows(input, start, end) : input)),
    output: sliceRows(output, start, end),
  }));
}

/** The parts of one primitive call (`policy.parts` at most), or undefined to run it whole on one worker. */
export function splitPrimitive<P extends KernelPrimitive>(
  op: P, inputs: readonly OperandRef[], attributes: PrimitiveAttributes[P], output: OperandRef, policy: SplitPolicy,
): Share[] | undefined {
  const { workers, parts } = policy;
  if (workers < 2) return undefined;
  if (op === 'matmul') return splitMatmul(inputs, attributes as PrimitiveAttributes['matmul'], output, policy);
  if (Math.max(output.length, ...inputs.map((input) => input.length)) < policy.minElements) return undefined;
  if (ELEMENTWISE.has(op)) {
    if (inputs.every((input) => input.length === output.length)) {
      return ranges(output.length, parts, 16).map(([start, end]) => ({
        inputs: inputs.map((input) => sliceElements(input, start, end)),
        output: sliceElements(output, start, end),
      }));
    }
    return byRows(inputs, output, inputs.map((input) => alongAxis0(input, output)), parts);
  }
  const [input] = inputs;
  if (op === 'expand') return byRows(inputs, output, [alongAxis0(input, output)], parts);
  if (op === 'permute') return (attributes as PrimitiveAttributes['permute']).perm[0] === 0 ? byRows(inputs, output, [true], parts) : undefined;
  if (op === 'gather' || op === 'scatterAdd') {
    // Rows along axis 0 are independent when the gather or scatter runs along another axis.
    const { axis } = attributes as PrimitiveAttributes['gather'];
    if (axis === 0 || !inputs.every((each) => each.shape[0] === output.shape[0])) return undefined;
    return byRows(inputs, output, inputs.map(() => true), parts);
  }
  if (REDUCTIONS.has(op)) {
    const { axes } = attributes as PrimitiveAttributes['sum'];
    if (axes.includes(0) || input.shape[0] !== output.shape[0]) return undefined;
    return byRows(inputs, output, [true], parts);
  }
  if (ARG_REDUCTIONS.has(op)) {
    const { axis } = attributes as PrimitiveAttributes['argmax'];
    if (axis === 0 || input.shape[0] !== output.shape[0]) return undefined;
    return byRows(inputs, output, [true], parts);
  }
  return undefined;
}

/** Row-wise softmax and logSoftmax: split along axis 0 unless that is the axis normalised. */
export function splitRowwise(axis: number, input: OperandRef, output: OperandRef, policy: SplitPolicy): Share[] | undefined {
  if (policy.workers < 2 || output.length < policy.minElements || axis === 0) return undefined;
  return byRows([input], output, [true], policy.parts);
}

function splitMatmul(inputs: readonly OperandRef[], attributes: PrimitiveAttributes['matmul'], output: OperandRef, { workers, parts, minProducts, wasm }: SplitPolicy): Share[] | undefined {
  const [a, b] = inputs;
  const rank = output.shape.length;
  const rows = output.shape[rank - 2];
  const columns = output.shape[rank - 1];
  const depth = attributes.transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const batch = output.length / Math.max(1, rows * columns);
  if (output.length === 0 || rows * columns * depth * batch < minProducts) return undefined;
  if (rank > 2 && output.shape[0] >= workers) return byRows(inputs, output, inputs.map((input) => alongAxis0(input, output)), parts);
  // A 2-D product (or a batch of one): rows of C, on the WebAssembly path only (it is the one
  // whose row ranges keep the whole product's arithmetic).
  if (!wasm || output.dtype !== 'float32' || rank !== 2 || a.shape.length !== 2 || b.shape.length !== 2 || rows < 2) return undefined;
  return ranges(rows, parts, 8).map(([start, end]) => ({ inputs, output, rows: [start, end] as const }));
}

/** A fused optimizer update's element ranges (every input and output has the parameter's size). */
export function splitElements(size: number, { workers, parts, minElements }: SplitPolicy): [number, number][] {
  if (workers < 2 || size < minElements) return [[0, size]];
  return ranges(size, parts, 16);
}
