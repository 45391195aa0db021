import type { BinaryPrimitive, DType, UnaryPrimitive } from '@neurite/backend';

/**
 * Each elementwise primitive as one WGSL expression per dtype it computes in. The helpers
 * (`expF`, `maxF`, …) are in FLOAT_PRELUDE; integers use WGSL's own operators, which wrap.
 */
type Unary = (x: string) => string;
type Binary = (a: string, b: string) => string;

const asBool = (condition: string): string => `select(0u, 1u, ${condition})`;

const FLOAT_UNARY: Record<UnaryPrimitive, Unary> = {
  neg: (x) => `-(${x})`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `signF(${x})`,
  exp: (x) => `expF(${x})`,
  log: (x) => `logF(${x})`,
  log1p: (x) => `log1pF(${x})`,
  sqrt: (x) => `sqrtF(${x})`,
  rsqrt: (x) => `divF(1.0, sqrtF(${x}))`,
  reciprocal: (x) => `divF(1.0, ${x})`,
  sin: (x) => `sinF(${x})`,
  cos: (x) => `cosF(${x})`,
  tanh: (x) => `tanhF(${x})`,
  sigmoid: (x) => `sigmoidF(${x})`,
  relu: (x) => `reluF(${x})`,
  erf: (x) => `erfF(${x})`,
  floor: (x) => `floorF(${x})`,
  ceil: (x) => `ceilF(${x})`,
  round: (x) => `roundF(${x})`,
  logicalNot: (x) => asBool(`!truthyF(${x})`),
};

/** int32 versions; the front end sends float-only ops (exp, sqrt, …) float inputs. */
const INT_UNARY: Partial<Record<UnaryPrimitive, Unary>> = {
  neg: (x) => `-(${x})`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `sign(${x})`,
  relu: (x) => `max(${x}, 0)`,
  floor: (x) => x,
  ceil: (x) => x,
  round: (x) => x,
  logicalNot: (x) => asBool(`${x} == 0`),
};

const floatCompare = (operator: string): Binary => (a, b) => asBool(`!eitherNanF(${a}, ${b}) && ${a} ${operator} ${b}`);
const plainCompare = (operator: string): Binary => (a, b) => asBool(`${a} ${operator} ${b}`);

const FLOAT_BINARY: Record<BinaryPrimitive, Binary> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `divF(${a}, ${b})`,
  pow: (a, b) => `powF(${a}, ${b})`,
  maximum: (a, b) => `maxF(${a}, ${b})`,
  minimum: (a, b) => `minF(${a}, ${b})`,
  eq: floatCompare('=='),
  ne: (a, b) => asBool(`eitherNanF(${a}, ${b}) || ${a} != ${b}`),
  lt: floatCompare('<'),
  le: floatCompare('<='),
  gt: floatCompare('>'),
  ge: floatCompare('>='),
  logicalAnd: (a, b) => asBool(`truthyF(${a}) && truthyF(${b})`),
  logicalOr: (a, b) => asBool(`truthyF(${a}) || truthyF(${b})`),
};

/** int32 and bool (u32): the operators wrap, and there is no NaN to mind. */
const INTEGER_BINARY: Record<BinaryPrimitive, Binary> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  pow: (a, b) => `powI(${a}, ${b})`,
  maximum: (a, b) => `max(${a}, ${b})`,
  minimum: (a, b) => `min(${a}, ${b})`,
  eq: plainCompare('=='),
  ne: plainCompare('!='),
  lt: plainCompare('<'),
  le: plainCompare('<='),
  gt: plainCompare('>'),
  ge: plainCompare('>='),
  logicalAnd: (a, b) => asBool(`${a} != ${zeroOf('int32')} && ${b} != ${zeroOf('int32')}`),
  logicalOr: (a, b) => asBool(`${a} != ${zeroOf('int32')} || ${b} != ${zeroOf('int32')}`),
};

function zeroOf(dtype: DType): string {
  return dtype === 'float32' ? '0.0' : dtype === 'int32' ? '0' : '0u';
}

/** `x != 0` for a value of `dtype` (NaN is true, as in PyTorch). */
export function truthy(value: string, dtype: DType): string {
  return dtype === 'float32' ? `truthyF(${value})` : `${value} != ${zeroOf(dtype)}`;
}

/** The unary expression on an input of `dtype`, giving a value of `output`'s dtype. */
export function unaryExpression(op: UnaryPrimitive, dtype: DType, output: DType): Unary {
  if (dtype === 'float32') return FLOAT_UNARY[op];
  if (op === 'logicalNot') return (x) => asBool(`${x} == ${zeroOf(dtype)}`);
  const integer = INT_UNARY[op];
  if (!integer) throw new Error(`webgpu: ${op} has no ${dtype} kernel (the front end computes it in float32)`);
  // bool inputs compute as int32 and store `!= 0`.
  if (dtype === 'bool') return (x) => (output === 'bool' ? asBool(`${integer(`i32(${x})`)} != 0`) : integer(`i32(${x})`));
  return integer;
}

/** The binary expression on inputs of `dtype` (the front end makes both operands one dtype). */
export function binaryExpression(op: BinaryPrimitive, dtype: DType, output: DType): Binary {
  if (dtype === 'float32') return FLOAT_BINARY[op];
  const expression = INTEGER_BINARY[op];
  if (dtype === 'bool' && output !== 'bool') return (a, b) => expression(`i32(${a})`, `i32(${b})`);
  if (dtype === 'bool' && (op === 'logicalAnd' || op === 'logicalOr')) return (a, b) => asBool(`${a} != 0u ${op === 'logicalAnd' ? '&&' : '||'} ${b} != 0u`);
  return expression;
}

/** A conversion between dtypes, as the contract writes it (truncation, NaN to 0, saturation, `!= 0`). */
export function castExpression(from: DType, to: DType): Unary {
  if (from === to) return (x) => x;
  if (to === 'bool') return (x) => asBool(truthy(x, from));
  if (to === 'int32') return from === 'float32' ? (x) => `castF32ToI32(${x})` : (x) => `i32(${x})`;
  return (x) => `f32(${x})`;
}
