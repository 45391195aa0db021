import type { DType } from '../dtype.js';
import type { KernelOutput } from '../backend.js';
import type { KernelPrimitive, PrimitiveAttributes } from '../primitives.js';
import { edgeCases } from './edge-cases.js';
import { ARG_REDUCE_PRIMITIVES, BINARY_PRIMITIVES, COMPARISON_PRIMITIVES, REDUCE_PRIMITIVES, UNARY_PRIMITIVES } from '../primitives.js';

/**
 * How the values of one input are made (deterministically, from the case name and input index).
 * 'special' mixes NaN, ±Infinity, ±0, the float32 extremes and int32-range overflows with normal
 * values; 'int32 extremes' mixes values near ±2³¹ with small ones.
 */
export type ValueKind = 'normal' | 'positive' | 'integers' | 'booleans' | 'special' | 'int32 extremes' | { readonly indicesBelow: number };

export interface InputSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: ValueKind;
}

/** One kernel call: run on the backend under test and on the reference, then compared. */
export interface ConformanceCase<P extends KernelPrimitive = KernelPrimitive> {
  readonly name: string;
  readonly primitive: P;
  readonly inputs: readonly InputSpec[];
  readonly attributes: PrimitiveAttributes[P];
  readonly output: KernelOutput;
}

/**
 * A call of a plugin's kernel (registered on both backends with `registerKernel`), for plugin
 * authors who check their kernels on every backend they support.
 */
export interface ExtensionConformanceCase {
  readonly name: string;
  /** The kernel's name, as registered on the backends. */
  readonly kernel: string;
  readonly inputs: readonly InputSpec[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly output: KernelOutput;
  readonly tolerance?: { readonly atol: number; readonly rtol: number };
}

const f = (shape: number[], values: ValueKind = 'normal'): InputSpec => ({ shape, dtype: 'float32', values });
const i32 = (shape: number[], values: ValueKind = 'integers'): InputSpec => ({ shape, dtype: 'int32', values });
const b = (shape: number[]): InputSpec => ({ shape, dtype: 'bool', values: 'booleans' });
const out = (shape: number[], dtype: DType = 'float32'): KernelOutput => ({ shape, dtype });
const none = {} as Record<string, never>;

/** Inputs that are valid for each unary op (logs and roots need positive values). */
const POSITIVE_DOMAIN = new Set(['log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal']);

function unaryCases(): ConformanceCase[] {
  return UNARY_PRIMITIVES.flatMap((primitive) => {
    if (primitive === 'logicalNot') return [{ name: 'logicalNot', primitive, inputs: [b([3, 5])], attributes: none, output: out([3, 5], 'bool') }];
    const values: ValueKind = POSITIVE_DOMAIN.has(primitive) ? 'positive' : 'normal';
    const cases: ConformanceCase[] = [
      { name: `${primitive} contiguous`, primitive, inputs: [f([4, 33], values)], attributes: none, output: out([4, 33]) },
      { name: `${primitive} scalar`, primitive, inputs: [f([], values)], attributes: none, output: out([]) },
    ];
    if (primitive === 'neg' || primitive === 'abs' || primitive === 'sign' || primitive === 'relu') {
      cases.push({ name: `${primitive} int32`, primitive, inputs: [i32([7])], attributes: none, output: out([7], 'int32') });
    }
    return cases;
  });
}

function binaryCases(): ConformanceCase[] {
  return BINARY_PRIMITIVES.flatMap((primitive) => {
    const isLogical = primitive === 'logicalAnd' || primitive === 'logicalOr';
    const isComparison = (COMPARISON_PRIMITIVES as readonly string[]).includes(primitive);
    const outputDType: DType = isComparison ? 'bool' : 'float32';
    const operand = (shape: number[]): InputSpec => (isLogical ? b(shape) : f(shape, primitive === 'pow' || primitive === 'div' ? 'positive' : 'normal'));
    const cases: ConformanceCase[] = [
      { name: `${primitive} same shape`, primitive, inputs: [operand([5, 17]), operand([5, 17])], attributes: none, output: out([5, 17], outputDType) },
      { name: `${primitive} scalar operand`, primitive, inputs: [operand([5, 17]), operand([])], attributes: none, output: out([5, 17], outputDType) },
      { name: `${primitive} broadcast both`, primitive, inputs: [operand([2, 1, 6]), operand([4, 1])], attributes: none, output: out([2, 4, 6], outputDType) },
    ];
    if (!isLogical && primitive !== 'pow' && primitive !== 'div') {
      cases.push({ name: `${primitive} int32`, primitive, inputs: [i32([3, 4]), i32([4])], attributes: none, output: out([3, 4], isComparison ? 'bool' : 'int32') });
    }
    return cases;
  });
}

function reductionCases(): ConformanceCase[] {
  const reduces = REDUCE_PRIMITIVES.flatMap((primitive): ConformanceCase[] => [
    { name: `${primitive} last axis`, primitive, inputs: [f([6, 37])], attributes: { axes: [1] }, output: out([6, 1]) },
    { name: `${primitive} first axis`, primitive, inputs: [f([9, 5])], attributes: { axes: [0] }, output: out([1, 5]) },
    // The adjoint of broadcasting: gradients of broadcast operands are sums over these axes.
    { name: `${primitive} outer and inner axes`, primitive, inputs: [f([3, 4, 5, 2])], attributes: { axes: [0, 2] }, output: out([1, 4, 1, 2]) },
    { name: `${primitive} all axes`, primitive, inputs: [f([4, 6])], attributes: { axes: [0, 1] }, output: out([1, 1]) },
    { name: `${primitive} int32`, primitive, inputs: [i32([4, 3])], attributes: { axes: [1] }, output: out([4, 1], 'int32') },
  ]);
  const args = ARG_REDUCE_PRIMITIVES.flatMap((primitive): ConformanceCase[] => [
    { name: `${primitive} last axis`, primitive, inputs: [f([5, 11])], attributes: { axis: 1 }, output: out([5, 1], 'int32') },
    { name: `${primitive} middle axis`, primitive, inputs: [f([2, 7, 3])], attributes: { axis: 1 }, output: out([2, 1, 3], 'int32') },
  ]);
  return [...reduces, ...args];
}

function matmulCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  // Every transpose combination: the gradient rules use all four.
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      const a = transposeA ? [19, 13] : [13, 19];
      const bShape = transposeB ? [11, 19] : [19, 11];
      cases.push({ name: `matmul ${transposeA ? 'Aᵀ' : 'A'}${transposeB ? 'Bᵀ' : 'B'}`, primitive: 'matmul', inputs: [f(a), f(bShape)], attributes: { transposeA, transposeB }, output: out([13, 11]) });
    }
  }
  cases.push({ name: 'matmul batched broadcast', primitive: 'matmul', inputs: [f([2, 1, 5, 7]), f([3, 7, 4])], attributes: { transposeA: false, transposeB: false }, output: out([2, 3, 5, 4]) });
  cases.push({ name: 'matmul larger than a block', primitive: 'matmul', inputs: [f([70, 130]), f([130, 66])], attributes: { transposeA: false, transposeB: false }, output: out([70, 66]) });
  cases.push({ name: 'matmul int32', primitive: 'matmul', inputs: [i32([3, 4]), i32([4, 2])], attributes: { transposeA: false, transposeB: false }, output: out([3, 2], 'int32') });
  return cases;
}

function shapeCases(): ConformanceCase[] {
  return [
    { name: 'where broadcast', primitive: 'where', inputs: [b([3, 1]), f([3, 4]), f([4])], attributes: none, output: out([3, 4]) },
    { name: 'cast float to int', primitive: 'cast', inputs: [f([10])], attributes: none, output: out([10], 'int32') },
    { name: 'cast int to float', primitive: 'cast', inputs: [i32([10])], attributes: none, output: out([10]) },
    { name: 'cast float to bool', primitive: 'cast', inputs: [f([10])], attributes: none, output: out([10], 'bool') },
    { name: 'permute 3d', primitive: 'permute', inputs: [f([3, 4, 5])], attributes: { perm: [2, 0, 1] }, output: out([5, 3, 4]) },
    { name: 'permute last two (matrix transpose)', primitive: 'permute', inputs: [f([2, 33, 17])], attributes: { perm: [0, 2, 1] }, output: out([2, 17, 33]) },
    { name: 'slice window', primitive: 'slice', inputs: [f([5, 6, 7])], attributes: { begin: [1, 2, 3] }, output: out([3, 2, 4]) },
    // The gradient of a slice: the window put back among zeros.
    { name: 'pad (slice adjoint)', primitive: 'pad', inputs: [f([3, 2, 4])], attributes: { before: [1, 2, 3], value: 0 }, output: out([5, 6, 7]) },
    { name: 'pad with value', primitive: 'pad', inputs: [i32([2, 3])], attributes: { before: [0, 1], value: -7 }, output: out([3, 6], 'int32') },
    { name: 'concat three', primitive: 'concat', inputs: [f([2, 1, 3]), f([2, 4, 3]), f([2, 2, 3])], attributes: { axis: 1 }, output: out([2, 7, 3]) },
    { name: 'flip two axes', primitive: 'flip', inputs: [f([3, 4, 5])], attributes: { axes: [0, 2] }, output: out([3, 4, 5]) },
    { name: 'expand', primitive: 'expand', inputs: [f([3, 1])], attributes: none, output: out([2, 3, 5]) },
    { name: 'gather', primitive: 'gather', inputs: [f([4, 6]), i32([4, 3], { indicesBelow: 6 })], attributes: { axis: 1 }, output: out([4, 3]) },
    // scatterAdd with repeated indices is the gradient of gather and of embedding lookups.
    { name: 'scatterAdd repeated indices', primitive: 'scatterAdd', inputs: [f([5, 3]), i32([8, 3], { indicesBelow: 5 }), f([8, 3])], attributes: { axis: 0 }, output: out([5, 3]) },
  ];
}

/**
 * Every kernel primitive, with cases for its forward use and for the calls gradient rules make,
 * then the edge cases (special values, int32 wrap, empty tensors, boundary sizes).
 */
export function conformanceCases(): ConformanceCase[] {
  return [...unaryCases(), ...binaryCases(), ...reductionCases(), ...matmulCases(), ...shapeCases(), ...edgeCases()];
}
