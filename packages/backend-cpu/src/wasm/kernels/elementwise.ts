import { FunctionBuilder, f32, f32x4, forPointer, i32, ifElse, lanes, seq, v128, type Code, type FunctionDefinition, type Local } from '@neurite/backend/wasm';

/**
 * Float32 elementwise kernels: one function per op, four lanes at a time with a scalar tail.
 * Binary rows take element strides of 0 (a broadcast scalar, splatted) or 1 (contiguous) on the
 * vector path, any other stride on a scalar loop. Each lane does the IEEE single-precision
 * operation, which for + - * / min max and sqrt gives the same bits as the TypeScript kernels
 * (a double-precision result rounded once to float32 cannot differ for these).
 */

export const WASM_BINARY_OPS = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'] as const;
export type WasmBinaryOp = (typeof WASM_BINARY_OPS)[number];
export const WASM_UNARY_OPS = ['neg', 'abs', 'sqrt', 'relu'] as const;
export type WasmUnaryOp = (typeof WASM_UNARY_OPS)[number];

type Lanes = { readonly vector: (x: Code, y: Code) => Code; readonly scalar: (x: Code, y: Code) => Code };

const BINARY: Readonly<Record<WasmBinaryOp, Lanes>> = {
  add: { vector: f32x4.add, scalar: f32.add },
  sub: { vector: f32x4.sub, scalar: f32.sub },
  mul: { vector: f32x4.mul, scalar: f32.mul },
  div: { vector: f32x4.div, scalar: f32.div },
  // wasm max/min propagate NaN and order -0 below +0, as Math.max/Math.min do.
  maximum: { vector: f32x4.max, scalar: f32.max },
  minimum: { vector: f32x4.min, scalar: f32.min },
};

const UNARY: Readonly<Record<WasmUnaryOp, { readonly vector: (x: Code) => Code; readonly scalar: (x: Code) => Code }>> = {
  neg: { vector: f32x4.neg, scalar: f32.neg },
  abs: { vector: f32x4.abs, scalar: f32.abs },
  sqrt: { vector: f32x4.sqrt, scalar: f32.sqrt },
  // max(x, +0): NaN stays NaN and -0 becomes +0, like the TypeScript kernel.
  relu: { vector: (x) => f32x4.max(x, v128.zero()), scalar: (x) => f32.max(x, f32.const(0)) },
};

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);

/** The loop over `out` up to `end`: whole vectors while they fit, then single lanes. */
function lanesLoop(out: Local, end: Local, vectorStep: Code, scalarStep: Code): Code {
  return seq(
    forPointer(out, out.get(), i32.sub(end.get(), c(12)), 16, vectorStep),
    forPointer(out, out.get(), end.get(), 4, scalarStep),
  );
}

function binaryFunction(op: WasmBinaryOp): FunctionDefinition {
  const fn = new FunctionBuilder(`binary_${op}`, { out: 'i32', a: 'i32', aStride: 'i32', b: 'i32', bStride: 'i32', length: 'i32' });
  const { out, a, aStride, b, bStride, length } = fn.params;
  const end = fn.local('i32');
  const splat = fn.local('v128');
  const { vector, scalar } = BINARY[op];
  const advance = (pointer: Local, bytes: number): Code => pointer.set(add(pointer.get(), c(bytes)));
  const both = lanesLoop(out, end,
    seq(v128.store(out.get(), vector(v128.load(a.get()), v128.load(b.get()))), advance(a, 16), advance(b, 16)),
    seq(f32.store(out.get(), scalar(f32.load(a.get()), f32.load(b.get()))), advance(a, 4), advance(b, 4)));
  const scalarB = seq(splat.set(f32x4.splat(f32.load(b.get()))), lanesLoop(out, end,
    seq(v128.store(out.get(), vector(v128.load(a.get()), splat.get())), advance(a, 16)),
    seq(f32.store(out.get(), scalar(f32.load(a.get()), f32.load(b.get()))), advance(a, 4))));
  const scalarA = seq(splat.set(f32x4.splat(f32.load(a.get()))), lanesLoop(out, end,
    seq(v128.store(out.get(), vector(splat.get(), v128.load(b.get()))), advance(b, 16)),
    seq(f32.store(out.get(), scalar(f32.load(a.get()), f32.load(b.get()))), advance(b, 4))));
  const strided = seq(
    aStride.set(i32.shl(aStride.get(), c(2))),
    bStride.set(i32.shl(bStride.get(), c(2))),
    forPointer(out, out.get(), end.get(), 4,
      f32.store(out.get(), scalar(f32.load(a.get()), f32.load(b.get()))),
      a.set(add(a.get(), aStride.get())),
      b.set(add(b.get(), bStride.get()))),
  );
  const is = (stride: Local, value: number): Code => i32.eq(stride.get(), c(value));
  return fn.finish(
    end.set(add(out.get(), i32.shl(length.get(), c(2)))),
    ifElse(i32.and(is(aStride, 1), is(bStride, 1)), both,
      ifElse(i32.and(is(aStride, 1), is(bStride, 0)), scalarB,
        ifElse(i32.and(is(aStride, 0), is(bStride, 1)), scalarA, strided))),
  );
}

function unaryFunction(op: WasmUnaryOp): FunctionDefinition {
  const fn = new FunctionBuilder(`unary_${op}`, { out: 'i32', x: 'i32', length: 'i32' });
  const { out, x, length } = fn.params;
  const end = fn.local('i32');
  const { vector, scalar } = UNARY[op];
  return fn.finish(
    end.set(add(out.get(), i32.shl(length.get(), c(2)))),
    lanesLoop(out, end,
      seq(v128.store(out.get(), vector(v128.load(x.get()))), x.set(add(x.get(), c(16)))),
      seq(f32.store(out.get(), scalar(f32.load(x.get()))), x.set(add(x.get(), c(4))))),
  );
}

export function elementwiseFunctions(): FunctionDefinition[] {
  return [...WASM_BINARY_OPS.map(binaryFunction), ...WASM_UNARY_OPS.map(unaryFunction)];
}

export const WASM_COMPARISON_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type WasmComparisonOp = (typeof WASM_COMPARISON_OPS)[number];

const COMPARISON: Readonly<Record<WasmComparisonOp, Lanes>> = {
  eq: { vector: f32x4.eq, scalar: f32.eq },
  ne: { vector: f32x4.ne, scalar: f32.ne },
  lt: { vector: f32x4.lt, scalar: f32.lt },
  le: { vector: f32x4.le, scalar: f32.le },
  gt: { vector: f32x4.gt, scalar: f32.gt },
  ge: { vector: f32x4.ge, scalar: f32.ge },
};

/**
 * Float32 comparisons into bools (bytes of 0 or 1), sixteen at a time: four lane masks narrowed
 * to bytes and masked to 1. NaN compares false except under `ne`, as in IEEE and JavaScript.
 */
function comparisonFunction(op: WasmComparisonOp): FunctionDefinition {
  const fn = new FunctionBuilder(`compare_${op}`, { out: 'i32', a: 'i32', aStride: 'i32', b: 'i32', bStride: 'i32', length: 'i32' });
  const { out, a, aStride, b, bStride, length } = fn.params;
  const end = fn.local('i32');
  const [splat, ones] = fn.locals('v128', 2);
  const { vector, scalar } = COMPARISON[op];
  const scalarStep = (aBytes: Code, bBytes: Code): Code => seq(
    i32.store8(out.get(), scalar(f32.load(a.get()), f32.load(b.get()))),
    a.set(add(a.get(), aBytes)), b.set(add(b.get(), bBytes)));
  /** One block of 16: `left(offset)` and `right(offset)` give the operands' vectors. */
  const block = (left: (offset: number) => Code, right: (offset: number) => Code, aBytes: number, bBytes: number): Code => {
    const mask = (offset: number): Code => vector(left(offset), right(offset));
    const bytes = lanes.narrowI16x8ToI8x16(lanes.narrowI32x4ToI16x8(mask(0), mask(16)), lanes.narrowI32x4ToI16x8(mask(32), mask(48)));
    return seq(v128.store(out.get(), v128.and(bytes, ones.get())), a.set(add(a.get(), c(aBytes))), b.set(add(b.get(), c(bBytes))));
  };
  const flat = (aVector: boolean, bVector: boolean): Code => seq(
    splat.set(f32x4.splat(f32.load(aVector ? b.get() : a.get()))),
    forPointer(out, out.get(), i32.sub(end.get(), c(15)), 16, block(
      (offset) => (aVector ? v128.load(a.get(), offset) : splat.get()),
      (offset) => (bVector ? v128.load(b.get(), offset) : splat.get()),
      aVector ? 64 : 0, bVector ? 64 : 0)),
    forPointer(out, out.get(), end.get(), 1, scalarStep(c(aVector ? 4 : 0), c(bVector ? 4 : 0))),
  );
  const is = (stride: Local, value: number): Code => i32.eq(stride.get(), c(value));
  return fn.finish(
    end.set(add(out.get(), length.get())),
    ones.set(lanes.i8x16Splat(c(1))),
    ifElse(i32.and(is(aStride, 1), is(bStride, 1)), flat(true, true),
      ifElse(i32.and(is(aStride, 1), is(bStride, 0)), flat(true, false),
        ifElse(i32.and(is(aStride, 0), is(bStride, 1)), flat(false, true),
          forPointer(out, out.get(), end.get(), 1, scalarStep(i32.shl(aStride.get(), c(2)), i32.shl(bStride.get(), c(2))))))),
  );
}

/** Bools (bytes of 0 or 1) to float32, sixteen at a time. */
function castBoolToFloatFunction(): FunctionDefinition {
  const fn = new FunctionBuilder('cast_bool_f32', { out: 'i32', x: 'i32', length: 'i32' });
  const { out, x, length } = fn.params;
  const end = fn.local('i32');
  const [bytes, low, high] = fn.locals('v128', 3);
  const widen = (half: Code, offset: number): Code => seq(
    v128.store(out.get(), f32x4.convertI32x4U(lanes.extendLowU16ToU32(half)), offset),
    v128.store(out.get(), f32x4.convertI32x4U(lanes.extendHighU16ToU32(half)), offset + 16));
  return fn.finish(
    end.set(add(out.get(), i32.shl(length.get(), c(2)))),
    forPointer(out, out.get(), i32.sub(end.get(), c(60)), 64,
      bytes.set(v128.load(x.get())),
      low.set(lanes.extendLowU8ToU16(bytes.get())),
      high.set(lanes.extendHighU8ToU16(bytes.get())),
      widen(low.get(), 0),
      widen(high.get(), 32),
      x.set(add(x.get(), c(16)))),
    forPointer(out, out.get(), end.get(), 4, f32.store(out.get(), f32.convertI32U(i32.load8U(x.get()))), x.set(add(x.get(), c(1)))),
  );
}

export function comparisonFunctions(): FunctionDefinition[] {
  return [...WASM_COMPARISON_OPS.map(comparisonFunction), castBoolToFloatFunction()];
}
