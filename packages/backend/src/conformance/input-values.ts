import type { TypedArray } from '../dtype.js';
import { allocateTypedArray, sizeOf } from '../dtype.js';
import type { InputSpec } from './cases.js';

/** Values where float arithmetic parts ways across hardware; cycled through, between normal values. */
const SPECIAL_FLOATS = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 3.4028234663852886e38, -3.4028234663852886e38, 1.1754943508222875e-38, 3e9, -3e9, 2147483520, -2147483648, 0.5, -0.5, 2.5, -2.5];
const INT32_EXTREMES = [2147483647, -2147483648, 2147483646, -2147483647, 1073741824, -1073741824, 65536, -65536, 0, 1, -1, 46341];

/** Deterministic values from a string seed, so a failing case reproduces everywhere. */
export function inputValues(spec: InputSpec, seed: string): TypedArray {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const values = allocateTypedArray(spec.dtype, sizeOf(spec.shape));
  for (let i = 0; i < values.length; i++) {
    const u = next();
    const kind = spec.values;
    if (typeof kind === 'object') values[i] = Math.floor(u * kind.indicesBelow);
    else if (kind === 'booleans') values[i] = u < 0.5 ? 1 : 0;
    else if (kind === 'integers') values[i] = Math.floor(u * 11) - 5;
    else if (kind === 'positive') values[i] = 0.1 + 3 * u;
    else if (kind === 'special') values[i] = u < 0.6 ? SPECIAL_FLOATS[i % SPECIAL_FLOATS.length] : (u - 0.8) * 10;
    else if (kind === 'int32 extremes') values[i] = INT32_EXTREMES[Math.floor(u * INT32_EXTREMES.length)];
    else values[i] = (u - 0.5) * 6;
  }
  return values;
}
