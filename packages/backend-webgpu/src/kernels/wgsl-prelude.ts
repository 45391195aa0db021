import type { DType } from '@neurite/backend';

/** How each dtype is stored in a GPU buffer (bool as a u32 0 or 1, as the contract says). */
export const WGSL_TYPE: Readonly<Record<DType, string>> = { float32: 'f32', int32: 'i32', bool: 'u32' };

/**
 * Float helpers every elementwise shader includes.
 *
 * NOTE: shader compilers may assume that no NaN or infinity ever appears: SwiftShader folds
 * `x != x` to false, `max(NaN, 1)` gives 1, `log(0)` gives -88 and `tanh(100)` gives NaN. So NaN and
 * infinity are tested on the bits, the constants come from private variables (a const-expression
 * that is NaN is a compile error), and every function spells out what IEEE (and the CPU
 * reference) gives at its edges.
 */
export const FLOAT_PRELUDE = /* wgsl */ `
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;
fn nanF() -> f32 { return bitcast<f32>(NAN_BITS); }
fn infF() -> f32 { return bitcast<f32>(INF_BITS); }
fn isNanF(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isInfF(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn isFiniteF(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn truthyF(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) != 0u; }
fn signBitF(x: f32) -> u32 { return bitcast<u32>(x) & 0x80000000u; }
fn eitherNanF(a: f32, b: f32) -> bool { return isNanF(a) || isNanF(b); }

fn signF(x: f32) -> f32 {
  if (isNanF(x) || x == 0.0) { return x; }
  return select(-1.0, 1.0, x > 0.0);
}
fn expF(x: f32) -> f32 {
  if (isNanF(x)) { return x; }
  if (x > 88.72284) { return infF(); }
  if (x < -104.0) { return 0.0; }
  return exp(x);
}
fn logF(x: f32) -> f32 {
  if (isNanF(x) || x < 0.0) { return nanF(); }
  if (x == 0.0) { return -infF(); }
  if (isInfF(x)) { return x; }
  return log(x);
}
fn log1pF(x: f32) -> f32 {
  if (isNanF(x) || x < -1.0) { return nanF(); }
  if (x == -1.0) { return -infF(); }
  if (isInfF(x)) { return x; }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  // log(u) is off by the rounding of 1 + x; scaling by x / (u - 1) takes it back out.
  return log(u) * (x / (u - 1.0));
}
fn sqrtF(x: f32) -> f32 {
  if (isNanF(x) || x < 0.0) { return nanF(); }
  if (x == 0.0 || isInfF(x)) { return x; }
  return sqrt(x);
}
fn divF(a: f32, b: f32) -> f32 {
  if (eitherNanF(a, b)) { return nanF(); }
  let sign = signBitF(a) ^ signBitF(b);
  if (b == 0.0) {
    if (a == 0.0) { return nanF(); }
    return bitcast<f32>(sign | INF_BITS);
  }
  if (isInfF(b)) {
    if (isInfF(a)) { return nanF(); }
    return bitcast<f32>(sign);
  }
  if (isInfF(a)) { return bitcast<f32>(sign | INF_BITS); }
  return a / b;
}
// sin and cos by hand: some drivers' built-ins are off by 1e-4. Reduce by pi/2 in three parts
// (Cody-Waite, each product exact), then the minimax polynomials of Cephes' sinf/cosf on [-pi/4, pi/4].
fn sinCosQuadrant(x: f32, shift: i32) -> f32 {
  if (!isFiniteF(x)) { return nanF(); }
  let k = round(x * 0.63661977236);
  let r = ((x - k * 1.5703125) - k * 4.837512969970703125e-4) - k * 7.549789948768648e-8;
  let z = r * r;
  let s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let quadrant = (i32(k) + shift) & 3;
  let value = select(s, c, (quadrant & 1) == 1);
  return select(value, -value, quadrant >= 2);
}
fn sinF(x: f32) -> f32 { return sinCosQuadrant(x, 0); }
fn cosF(x: f32) -> f32 { return sinCosQuadrant(x, 1); }
fn tanhF(x: f32) -> f32 {
  if (isNanF(x)) { return x; }
  let magnitude = abs(x);
  if (magnitude < 0.0004) { return x; }
  let e = exp(-2.0 * min(magnitude, 40.0));
  let t = (1.0 - e) / (1.0 + e);
  return select(t, -t, x < 0.0);
}
fn sigmoidF(x: f32) -> f32 {
  if (isNanF(x)) { return x; }
  if (x >= 0.0) { return 1.0 / (1.0 + expF(-x)); }
  let e = expF(x);
  return e / (1.0 + e);
}
fn reluF(x: f32) -> f32 {
  if (isNanF(x)) { return x; }
  return select(x, 0.0, x <= 0.0);
}
// erfc by a Chebyshev fit (fractional error below 1.2e-7 everywhere).
fn erfF(x: f32) -> f32 {
  if (isNanF(x)) { return x; }
  let z = abs(x);
  if (z > 6.0) { return select(1.0, -1.0, x < 0.0); }
  let t = 1.0 / (1.0 + 0.5 * z);
  let poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  let e = 1.0 - t * exp(-z * z + poly);
  return select(e, -e, x < 0.0);
}
fn floorF(x: f32) -> f32 { if (!isFiniteF(x)) { return x; } return floor(x); }
fn ceilF(x: f32) -> f32 { if (!isFiniteF(x)) { return x; } return ceil(x); }
// WGSL's round sends halves to the even neighbour, as PyTorch and NumPy do.
fn roundF(x: f32) -> f32 { if (!isFiniteF(x)) { return x; } return round(x); }
fn maxF(a: f32, b: f32) -> f32 { if (eitherNanF(a, b)) { return nanF(); } return max(a, b); }
fn minF(a: f32, b: f32) -> f32 { if (eitherNanF(a, b)) { return nanF(); } return min(a, b); }
// C's pow, which PyTorch calls: 1^y and x^0 are 1 even for NaN; a negative base needs an integer exponent.
fn powF(a: f32, b: f32) -> f32 {
  if (a == 1.0 || b == 0.0) { return 1.0; }
  if (eitherNanF(a, b)) { return nanF(); }
  if (b == 1.0) { return a; }
  if (b == 2.0) { return a * a; }
  let magnitude = abs(a);
  if (isInfF(b)) {
    if (magnitude == 1.0) { return 1.0; }
    return select(0.0, infF(), (magnitude > 1.0) == (b > 0.0));
  }
  var result: f32;
  if (magnitude == 0.0) { result = select(0.0, infF(), b < 0.0); }
  else if (isInfF(magnitude)) { result = select(0.0, infF(), b > 0.0); }
  else { result = exp2(b * log2(magnitude)); }
  if (signBitF(a) == 0u) { return result; }
  let integral = floor(b) == b;
  let odd = integral && abs(b) % 2.0 == 1.0;
  if (!integral && magnitude != 0.0 && !isInfF(magnitude)) { return nanF(); }
  return select(result, -result, odd);
}
fn castF32ToI32(x: f32) -> i32 {
  if (isNanF(x)) { return 0; }
  if (x >= 2147483648.0) { return 2147483647; }
  if (x <= -2147483648.0) { return -2147483647 - 1; }
  return i32(x);
}
// Integer power that wraps like int32 arithmetic; a negative exponent truncates 1 / a^|b|.
fn powI(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(-1, 1, (b & 1) == 0); }
    return 0;
  }
  var result = 1;
  var square = a;
  var remaining = u32(b);
  loop {
    if (remaining == 0u) { break; }
    if ((remaining & 1u) != 0u) { result = result * square; }
    square = square * square;
    remaining = remaining >> 1u;
  }
  return result;
}
`;

/**
 * Uniforms as a flat array of u32 words (ints and floats bitcast), read with `u(i)`, `ui(i)` and
 * `uf(i)`. One layout for every kernel keeps generated shaders simple; indices are constants.
 */
export function uniformDeclaration(words: number, binding: number): string {
  const vectors = Math.max(1, Math.ceil(words / 4));
  return /* wgsl */ `
struct Uniforms { words: array<vec4<u32>, ${vectors}> }
@group(0) @binding(${binding}) var<uniform> uniforms: Uniforms;
fn u(i: u32) -> u32 { return uniforms.words[i / 4u][i % 4u]; }
fn ui(i: u32) -> i32 { return bitcast<i32>(u(i)); }
fn uf(i: u32) -> f32 { return bitcast<f32>(u(i)); }
`;
}

/** The linear workgroup index when a grid is folded into x and y to stay under the per-dimension limit. */
export const LINEAR_WORKGROUP = 'let workgroup = wid.x + wid.y * nwg.x;';
export const GRID_BUILTINS = '@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32';

/** Packs uniform words: u32, i32 and f32 values, padded to whole 16-byte vectors. */
export class UniformWords {
  readonly #words: number[] = [];

  get length(): number {
    return this.#words.length;
  }

  u32(...values: number[]): this {
    for (const value of values) this.#words.push(value >>> 0);
    return this;
  }

  i32(...values: number[]): this {
    for (const value of values) this.#words.push(value | 0);
    return this;
  }

  f32(value: number): this {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    this.#words.push(view.getUint32(0, true));
    return this;
  }

  /** Scalar fill values of any dtype: floats by their bits, bools as 0 or 1. */
  value(value: number, dtype: DType): this {
    if (dtype === 'float32') return this.f32(value);
    if (dtype === 'bool') return this.u32(value !== 0 ? 1 : 0);
    return this.i32(value);
  }

  finish(): Uint32Array {
    const padded = new Uint32Array(Math.max(4, Math.ceil(this.#words.length / 4) * 4));
    for (let i = 0; i < this.#words.length; i++) padded[i] = this.#words[i];
    return padded;
  }
}
