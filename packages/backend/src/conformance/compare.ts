import type { DType, TypedArray } from '../dtype.js';

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/**
 * A float32 sum's rounding error grows with the size of its terms, not of its result: Σ aᵢbᵢ that
 * cancels to near 0 may be off by far more than rtol·|result|. Each output element of a sum or a
 * matmul is therefore also allowed this fraction of Σ|terms|, about 2·ε·√4096, which any
 * float32 summation order meets while a missing or doubled term (≥ 1/n of Σ|terms|) does not.
 */
export const MAGNITUDE_RTOL = 1e-5;

/**
 * The largest float32. Where Σ|terms| of a sum exceeds it, a float32 accumulator may overflow to
 * ±Infinity (or Inf - Inf = NaN) where the reference's double accumulator does not: such an element
 * must still be NaN where the reference is NaN (a NaN input propagates) and non-finite where the
 * reference is; a non-finite value stands for any other.
 */
const FLOAT32_MAX = 3.4028234663852886e38;

function withinTolerance(a: number, e: number, tolerance: Tolerance, magnitude: number): boolean {
  return a === e || Math.abs(a - e) <= tolerance.atol + tolerance.rtol * Math.abs(e) + MAGNITUDE_RTOL * magnitude;
}

const floatBits = new DataView(new ArrayBuffer(4));
function bitsOf(value: number): number {
  floatBits.setFloat32(0, value);
  return floatBits.getUint32(0);
}

/**
 * The first element where `actual` and `expected` differ, or null. Floats agree within
 * `atol + rtol·|e| + MAGNITUDE_RTOL·magnitude[i]`, NaN with NaN, ±0 with ±0 and infinities exactly;
 * `exact` demands the same bits (NaN payloads aside) and the same sign of zero. Integers and bools
 * always agree exactly.
 */
export function firstMismatch(actual: TypedArray, expected: TypedArray, dtype: DType, tolerance: Tolerance, options: { exact?: boolean; magnitude?: TypedArray } = {}): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    let ok: boolean;
    if (dtype !== 'float32') ok = a === e;
    else if (options.exact) ok = bitsOf(a) === bitsOf(e);
    else if (options.magnitude && options.magnitude[i] > FLOAT32_MAX) ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(a) || (Number.isFinite(e) && withinTolerance(a, e, tolerance, options.magnitude[i]));
    else if (!Number.isFinite(a) || !Number.isFinite(e)) ok = a === e;
    else ok = withinTolerance(a, e, tolerance, options.magnitude ? options.magnitude[i] : 0);
    if (!ok) return `element ${i} is ${Object.is(a, -0) ? '-0' : a}, the reference gives ${Object.is(e, -0) ? '-0' : e}`;
  }
  return null;
}
