import { signedLeb, unsignedLeb, type FunctionDefinition, type ValueType } from './module-builder.js';

/**
 * Kernels are written as nested expressions that return their bytecode, in the order a stack
 * machine evaluates them: `f32x4.add(a.get(), b.get())` is "push a, push b, add". It reads like the
 * S-expression text format, and it is plain TypeScript, so loops and unrolling are ordinary code.
 */
export type Code = readonly number[];

function join(...parts: readonly (Code | number)[]): number[] {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else for (const byte of part) bytes.push(byte);
  }
  return bytes;
}

/** A sequence of statements, in order. */
export function seq(...statements: readonly Code[]): Code {
  return join(...statements);
}

const ALIGN: Readonly<Record<number, number>> = { 1: 0, 4: 2, 8: 3, 16: 4 };

function memoryArgument(bytes: number, offset: number): number[] {
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`wasm: memory offset must be a non-negative integer, got ${offset}`);
  return [ALIGN[bytes], ...unsignedLeb(offset)];
}

function simd(opcode: number): number[] {
  return [0xfd, ...unsignedLeb(opcode)];
}

/** A parameter or local of one function. */
export class Local {
  constructor(readonly index: number, readonly type: ValueType) {}
  get(): Code {
    return [0x20, ...unsignedLeb(this.index)];
  }
  set(value: Code): Code {
    return join(value, 0x21, unsignedLeb(this.index));
  }
  tee(value: Code): Code {
    return join(value, 0x22, unsignedLeb(this.index));
  }
}

/** Collects a function's parameters and locals, then its body. */
export class FunctionBuilder<Params extends Record<string, ValueType>> {
  readonly params: { readonly [K in keyof Params]: Local };
  readonly #locals: ValueType[] = [];
  readonly #paramTypes: ValueType[];

  constructor(readonly name: string, params: Params, readonly results: readonly ValueType[] = []) {
    const entries = Object.entries(params);
    this.#paramTypes = entries.map(([, type]) => type);
    this.params = Object.fromEntries(entries.map(([key, type], index) => [key, new Local(index, type)])) as { [K in keyof Params]: Local };
  }

  local(type: ValueType): Local {
    this.#locals.push(type);
    return new Local(this.#paramTypes.length + this.#locals.length - 1, type);
  }

  locals(type: ValueType, count: number): Local[] {
    return Array.from({ length: count }, () => this.local(type));
  }

  finish(...body: readonly Code[]): FunctionDefinition {
    return { name: this.name, params: this.#paramTypes, results: this.results, locals: this.#locals, body: join(...body) };
  }
}

// Control flow. Depths in br/brIf count enclosing blocks outward from 0.
export const block = (...body: readonly Code[]): Code => join(0x02, 0x40, ...body, 0x0b);
export const loop = (...body: readonly Code[]): Code => join(0x03, 0x40, ...body, 0x0b);
export const br = (depth: number): Code => join(0x0c, unsignedLeb(depth));
export const brIf = (depth: number, condition: Code): Code => join(condition, 0x0d, unsignedLeb(depth));
export const ifThen = (condition: Code, ...body: readonly Code[]): Code => join(condition, 0x04, 0x40, ...body, 0x0b);
export const ifElse = (condition: Code, then: Code, otherwise: Code): Code => join(condition, 0x04, 0x40, then, 0x05, otherwise, 0x0b);
export const returnValue = (value: Code): Code => join(value, 0x0f);
/** Calls the module's function at `index` (its place in the list given to `encodeModule`). */
export const call = (index: number, ...args: readonly Code[]): Code => join(...args, 0x10, unsignedLeb(index));

/** `counter = from; if (counter < to) do { body; counter += step } while (counter < to)`. */
function guardedLoop(lessThan: (a: Code, b: Code) => Code, counter: Local, from: Code, to: Code, step: number, body: readonly Code[]): Code {
  return seq(
    counter.set(from),
    ifThen(lessThan(counter.get(), to), loop(
      ...body,
      counter.set(i32.add(counter.get(), i32.const(step))),
      brIf(0, lessThan(counter.get(), to)),
    )),
  );
}

/**
 * `for (counter = from; counter < to; counter += step) body` over signed i32s, as a guarded
 * do-while (one branch per iteration, at the bottom). `to` is evaluated before the first pass and
 * after each, so it must not have side effects. The body must not branch out by depth.
 */
export function forRange(counter: Local, from: Code, to: Code, step: number, ...body: readonly Code[]): Code {
  return guardedLoop(i32.ltS, counter, from, to, step, body);
}

/**
 * `for (pointer = from; pointer < to; pointer += step) body` with unsigned comparisons: byte
 * addresses above 2 GiB are negative as signed i32s, so loops over addresses must use this.
 */
export function forPointer(pointer: Local, from: Code, to: Code, step: number, ...body: readonly Code[]): Code {
  return guardedLoop(i32.ltU, pointer, from, to, step, body);
}

export const i32 = {
  const: (value: number): Code => join(0x41, signedLeb(value)),
  add: (a: Code, b: Code): Code => join(a, b, 0x6a),
  sub: (a: Code, b: Code): Code => join(a, b, 0x6b),
  mul: (a: Code, b: Code): Code => join(a, b, 0x6c),
  divS: (a: Code, b: Code): Code => join(a, b, 0x6d),
  remS: (a: Code, b: Code): Code => join(a, b, 0x6f),
  and: (a: Code, b: Code): Code => join(a, b, 0x71),
  or: (a: Code, b: Code): Code => join(a, b, 0x72),
  shl: (a: Code, b: Code): Code => join(a, b, 0x74),
  shrU: (a: Code, b: Code): Code => join(a, b, 0x76),
  eqz: (a: Code): Code => join(a, 0x45),
  eq: (a: Code, b: Code): Code => join(a, b, 0x46),
  ne: (a: Code, b: Code): Code => join(a, b, 0x47),
  ltS: (a: Code, b: Code): Code => join(a, b, 0x48),
  ltU: (a: Code, b: Code): Code => join(a, b, 0x49),
  gtS: (a: Code, b: Code): Code => join(a, b, 0x4a),
  leS: (a: Code, b: Code): Code => join(a, b, 0x4c),
  geS: (a: Code, b: Code): Code => join(a, b, 0x4e),
  geU: (a: Code, b: Code): Code => join(a, b, 0x4f),
  minS: (a: Code, b: Code): Code => select(a, b, i32.ltS(a, b)),
  load: (address: Code, offset = 0): Code => join(address, 0x28, memoryArgument(4, offset)),
  store: (address: Code, value: Code, offset = 0): Code => join(address, value, 0x36, memoryArgument(4, offset)),
  load8U: (address: Code, offset = 0): Code => join(address, 0x2d, memoryArgument(1, offset)),
  store8: (address: Code, value: Code, offset = 0): Code => join(address, value, 0x3a, memoryArgument(1, offset)),
};

/** Discards the value on top of the stack. */
export const drop = (value: Code): Code => join(value, 0x1a);

/** `condition ? a : b`; both operands are evaluated. */
export const select = (a: Code, b: Code, condition: Code): Code => join(a, b, condition, 0x1b);

export const f32 = {
  const: (value: number): Code => {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return join(0x43, Array.from(bytes));
  },
  add: (a: Code, b: Code): Code => join(a, b, 0x92),
  sub: (a: Code, b: Code): Code => join(a, b, 0x93),
  mul: (a: Code, b: Code): Code => join(a, b, 0x94),
  div: (a: Code, b: Code): Code => join(a, b, 0x95),
  min: (a: Code, b: Code): Code => join(a, b, 0x96),
  max: (a: Code, b: Code): Code => join(a, b, 0x97),
  abs: (a: Code): Code => join(a, 0x8b),
  neg: (a: Code): Code => join(a, 0x8c),
  sqrt: (a: Code): Code => join(a, 0x91),
  eq: (a: Code, b: Code): Code => join(a, b, 0x5b),
  ne: (a: Code, b: Code): Code => join(a, b, 0x5c),
  lt: (a: Code, b: Code): Code => join(a, b, 0x5d),
  gt: (a: Code, b: Code): Code => join(a, b, 0x5e),
  le: (a: Code, b: Code): Code => join(a, b, 0x5f),
  ge: (a: Code, b: Code): Code => join(a, b, 0x60),
  load: (address: Code, offset = 0): Code => join(address, 0x2a, memoryArgument(4, offset)),
  store: (address: Code, value: Code, offset = 0): Code => join(address, value, 0x38, memoryArgument(4, offset)),
  convertI32U: (a: Code): Code => join(a, 0xb3),
  /** Rounds a double to the nearest float. */
  demoteF64: (a: Code): Code => join(a, 0xb6),
};

export const f64 = {
  const: (value: number): Code => {
    const bytes = new Uint8Array(new Float64Array([value]).buffer);
    return join(0x44, Array.from(bytes));
  },
  add: (a: Code, b: Code): Code => join(a, b, 0xa0),
  mul: (a: Code, b: Code): Code => join(a, b, 0xa2),
  promoteF32: (a: Code): Code => join(a, 0xbb),
  load: (address: Code, offset = 0): Code => join(address, 0x2b, memoryArgument(8, offset)),
  store: (address: Code, value: Code, offset = 0): Code => join(address, value, 0x39, memoryArgument(8, offset)),
};

export const f64x2 = {
  splat: (value: Code): Code => join(value, simd(0x14)),
  add: (a: Code, b: Code): Code => join(a, b, simd(0xf0)),
  mul: (a: Code, b: Code): Code => join(a, b, simd(0xf2)),
  extractLane: (vector: Code, lane: number): Code => join(vector, simd(0x21), lane),
  /** The two low f32 lanes as doubles. */
  promoteLowF32x4: (a: Code): Code => join(a, simd(0x5f)),
};

export const v128 = {
  load: (address: Code, offset = 0): Code => join(address, simd(0x00), memoryArgument(16, offset)),
  store: (address: Code, value: Code, offset = 0): Code => join(address, value, simd(0x0b), memoryArgument(16, offset)),
  /** Loads one f32 (or i32) and repeats it in the four lanes. */
  load32Splat: (address: Code, offset = 0): Code => join(address, simd(0x09), memoryArgument(4, offset)),
  /** Loads 8 bytes into the low half, zeroing the high half. */
  load64Zero: (address: Code, offset = 0): Code => join(address, simd(0x5d), memoryArgument(8, offset)),
  zero: (): Code => join(simd(0x0c), new Array<number>(16).fill(0)),
  and: (a: Code, b: Code): Code => join(a, b, simd(0x4e)),
  or: (a: Code, b: Code): Code => join(a, b, simd(0x50)),
  /** Lanes of `a` where `mask` is set, of `b` elsewhere. */
  bitselect: (a: Code, b: Code, mask: Code): Code => join(a, b, mask, simd(0x52)),
  /** Bytes of `a` (indices 0-15) and `b` (16-31) picked into a new vector. */
  shuffle: (a: Code, b: Code, indices: readonly number[]): Code => {
    if (indices.length !== 16 || indices.some((index) => !Number.isInteger(index) || index < 0 || index > 31)) {
      throw new Error(`wasm: i8x16.shuffle needs 16 byte indices in 0-31, got [${indices.join(', ')}]`);
    }
    return join(a, b, simd(0x0d), indices);
  },
};

/** Lane-width conversions between integer vectors (for bool masks and bytes). */
export const lanes = {
  i8x16Splat: (value: Code): Code => join(value, simd(0x0f)),
  i32x4Splat: (value: Code): Code => join(value, simd(0x11)),
  /** Four i32x4 compare masks (-1/0) → one i8x16 of -1/0, in lane order (saturating narrows). */
  narrowI32x4ToI16x8: (a: Code, b: Code): Code => join(a, b, simd(0x85)),
  narrowI16x8ToI8x16: (a: Code, b: Code): Code => join(a, b, simd(0x65)),
  extendLowU8ToU16: (a: Code): Code => join(a, simd(0x89)),
  extendHighU8ToU16: (a: Code): Code => join(a, simd(0x8a)),
  extendLowU16ToU32: (a: Code): Code => join(a, simd(0xa9)),
  extendHighU16ToU32: (a: Code): Code => join(a, simd(0xaa)),
};

/** 32-bit integer lanes (positions, masks). */
export const i32x4 = {
  /** Four constant lanes. */
  const: (values: readonly [number, number, number, number]): Code => join(simd(0x0c), Array.from(new Uint8Array(Int32Array.from(values).buffer))),
  splat: (value: Code): Code => join(value, simd(0x11)),
  add: (a: Code, b: Code): Code => join(a, b, simd(0xae)),
  mul: (a: Code, b: Code): Code => join(a, b, simd(0xb5)),
  /** Lanes set (-1) where a < b, signed. */
  ltS: (a: Code, b: Code): Code => join(a, b, simd(0x39)),
};

export const f32x4 = {
  splat: (value: Code): Code => join(value, simd(0x13)),
  extractLane: (vector: Code, lane: number): Code => join(vector, simd(0x1f), lane),
  add: (a: Code, b: Code): Code => join(a, b, simd(0xe4)),
  sub: (a: Code, b: Code): Code => join(a, b, simd(0xe5)),
  mul: (a: Code, b: Code): Code => join(a, b, simd(0xe6)),
  div: (a: Code, b: Code): Code => join(a, b, simd(0xe7)),
  min: (a: Code, b: Code): Code => join(a, b, simd(0xe8)),
  max: (a: Code, b: Code): Code => join(a, b, simd(0xe9)),
  abs: (a: Code): Code => join(a, simd(0xe0)),
  neg: (a: Code): Code => join(a, simd(0xe1)),
  sqrt: (a: Code): Code => join(a, simd(0xe3)),
  eq: (a: Code, b: Code): Code => join(a, b, simd(0x41)),
  ne: (a: Code, b: Code): Code => join(a, b, simd(0x42)),
  lt: (a: Code, b: Code): Code => join(a, b, simd(0x43)),
  gt: (a: Code, b: Code): Code => join(a, b, simd(0x44)),
  le: (a: Code, b: Code): Code => join(a, b, simd(0x45)),
  ge: (a: Code, b: Code): Code => join(a, b, simd(0x46)),
  /** Unsigned i32 lanes to floats. */
  convertI32x4U: (a: Code): Code => join(a, simd(0xfb)),
  /** `a * b + c`, fused where the CPU has FMA (relaxed SIMD; probe before use). */
  relaxedMadd: (a: Code, b: Code, c: Code): Code => join(a, b, c, simd(0x105)),
};
