import type { TypedArray } from '@neurite/backend';

/** Fails with the first element that differs by more than atol + rtol * |expected|. */
export function expectClose(actual: TypedArray | readonly number[], expected: readonly number[], what: string, atol = 1e-5, rtol = 1e-4): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = expected[i];
    if ((Number.isNaN(e) && Number.isNaN(a)) || a === e) continue; // equal infinities too
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`${what}: element ${i} is ${a}, expected ${e} (difference ${Math.abs(a - e)})`);
    }
  }
}
