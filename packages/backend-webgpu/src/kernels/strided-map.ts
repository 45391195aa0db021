import { broadcastStrides, contiguousStrides, sizeOf, type DType } from '@neurite/backend';
import { FLOAT_PRELUDE, GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, WGSL_TYPE, uniformDeclaration } from './wgsl-prelude.js';
import { grid, type KernelRuntime, type Program } from './kernel-runtime.js';
import type { TensorBuffer } from '../runtime/tensor-buffer.js';

/**
 * The one template behind every elementwise and index-mapping kernel: for each position of an
 * iteration shape, read each input at its own address, compute one expression, write the output
 * at its address. Unary and binary ops, `where`, `cast`, `expand`, `permute`, `slice`, `flip`,
 * `concat` (a window per input) and `pad` (a fill, then a window) are all this template with a
 * different expression and different strides; a new elementwise op is one line in a table.
 *
 * How an operand is addressed is part of the shader (and its cache key):
 * - `linear`: at the iteration index itself (a contiguous operand of the iteration's size);
 * - `scalar`: element 0 (a broadcast one-element operand);
 * - `strided`: `offset + Σ coordinate[d] · stride[d]`, strides in uniforms (0 for a broadcast
 *   axis, negative for a flipped one, permuted for a permute).
 */
export type Addressing = 'linear' | 'scalar' | 'strided';

export interface MapOperand {
  readonly dtype: DType;
  readonly addressing: Addressing;
  /** For `strided`: the element offset and one stride per iteration axis. */
  readonly offset?: number;
  readonly strides?: readonly number[];
}

export interface MapCall {
  /** Names the expression in the pipeline key, e.g. `unary.exp`. */
  readonly expressionKey: string;
  /** The op the user called. */
  readonly label: string;
  /** The WGSL expression from the input values `v0`, `v1`, … and, with `value`, the scalar `fillValue`. */
  readonly expression: (values: readonly string[]) => string;
  readonly iterationShape: readonly number[];
  readonly inputs: readonly { readonly buffer: TensorBuffer; readonly operand: MapOperand }[];
  readonly output: { readonly buffer: TensorBuffer; readonly operand: MapOperand };
  /** A scalar in the uniforms, read in the expression as `fillValue`. */
  readonly value?: { readonly value: number; readonly dtype: DType };
}

const WORKGROUP_SIZE = 64;

/** The addressing for an input read broadcast to `target` (linear, scalar or strided). */
export function broadcastOperand(dtype: DType, shape: readonly number[], target: readonly number[]): MapOperand {
  const size = sizeOf(shape);
  if (size === 1) return { dtype, addressing: 'scalar' };
  if (size === sizeOf(target)) return { dtype, addressing: 'linear' };
  return { dtype, addressing: 'strided', offset: 0, strides: broadcastStrides(shape, target) };
}

/** Records one strided-map dispatch. Nothing is recorded for an empty iteration. */
export function runStridedMap(runtime: KernelRuntime, call: MapCall): void {
  const size = sizeOf(call.iterationShape);
  if (size === 0) return;
  const operands = [...call.inputs.map((input) => input.operand), call.output.operand];
  const anyStrided = operands.some((operand) => operand.addressing === 'strided');
  const rank = anyStrided ? call.iterationShape.length : 0;

  const words = new UniformWords().u32(size);
  if (anyStrided) words.u32(...contiguousStrides(call.iterationShape));
  const addressWords: number[] = [];
  for (const operand of operands) {
    addressWords.push(words.length);
    if (operand.addressing === 'strided') words.i32(operand.offset ?? 0, ...(operand.strides ?? []));
  }
  const valueWord = words.length;
  if (call.value) words.value(call.value.value, call.value.dtype);

  const shape = operands.map((operand) => `${operand.dtype[0]}${operand.addressing[0]}`).join('');
  const program: Program = {
    key: `map:${call.expressionKey}:${shape}:r${rank}:v${call.value?.dtype ?? '-'}:w${words.length}`,
    label: call.label,
    signature: { inputs: call.inputs.length, outputs: 1, uniform: true },
    source: () => mapSource(call, operands, rank, addressWords, valueWord, words.length),
  };
  const workgroups = grid(Math.ceil(size / WORKGROUP_SIZE), runtime.maxWorkgroupsPerDimension);
  runtime.run(program, [...call.inputs.map((input) => input.buffer), call.output.buffer], words.finish(), workgroups);
}

function addressOf(operand: MapOperand, rank: number, firstWord: number): string {
  if (operand.addressing === 'linear') return 'i';
  if (operand.addressing === 'scalar') return '0u';
  const terms = [`ui(${firstWord}u)`];
  for (let axis = 0; axis < rank; axis++) terms.push(`i32(c${axis}) * ui(${firstWord + 1 + axis}u)`);
  return `u32(${terms.join(' + ')})`;
}

function mapSource(call: MapCall, operands: readonly MapOperand[], rank: number, addressWords: readonly number[], valueWord: number, wordCount: number): string {
  const inputCount = call.inputs.length;
  const declarations = call.inputs.map((input, index) => `@group(0) @binding(${index}) var<storage, read> in${index}: array<${WGSL_TYPE[input.operand.dtype]}>;`);
  declarations.push(`@group(0) @binding(${inputCount}) var<storage, read_write> result: array<${WGSL_TYPE[call.output.operand.dtype]}>;`);
  const coordinates: string[] = [];
  if (rank > 0) {
    coordinates.push('var rest = i;');
    for (let axis = 0; axis < rank; axis++) {
      coordinates.push(`let c${axis} = rest / u(${1 + axis}u);`, `rest = rest - c${axis} * u(${1 + axis}u);`);
    }
  }
  const values = call.inputs.map((input, index) => `in${index}[${addressOf(input.operand, rank, addressWords[index])}]`);
  const loads = values.map((value, index) => `let v${index} = ${value};`);
  const fill = call.value ? `let fillValue = ${call.value.dtype === 'float32' ? 'uf' : call.value.dtype === 'int32' ? 'ui' : 'u'}(${valueWord}u);` : '';
  return /* wgsl */ `
${FLOAT_PRELUDE}
${uniformDeclaration(wordCount, inputCount + 1)}
${declarations.join('\n')}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let i = workgroup * ${WORKGROUP_SIZE}u + lid;
  if (i >= u(0u)) { return; }
  ${coordinates.join('\n  ')}
  ${loads.join('\n  ')}
  ${fill}
  result[${addressOf(call.output.operand, rank, addressWords[inputCount])}] = ${call.expression(call.inputs.map((_, index) => `v${index}`))};
}
`;
}
