import { describe, expect, it } from 'vitest';
import { erf } from './erf.js';

/** Published values of erf, rounded to the nearest double. */
const KNOWN: [number, number][] = [
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
];

/**
 * An independent, slow reference: the alternating Maclaurin series summed with a Kahan-compensated
 * sum. Accurate near 1e-15 for |x| <= 3 (cancellation grows beyond).
 */
function maclaurin(x: number): number {
  let term = x;
  let sum = 0;
  let compensation = 0;
  for (let n = 0; n < 200; n++) {
    const contribution = term / (2 * n + 1) - compensation;
    const next = sum + contribution;
    compensation = next - sum - contribution;
    sum = next;
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('erf', () => {
  it('matches published values to 1e-15', () => {
    for (const [x, value] of KNOWN) {
      expect(Math.abs(erf(x) - value)).toBeLessThan(1e-15);
      expect(Math.abs(erf(-x) + value)).toBeLessThan(1e-15);
    }
  });

  it('matches an independent series on a fine grid, across the method switch at 2.5', () => {
    let worst = 0;
    for (let x = -3; x <= 3; x += 0.001) worst = Math.max(worst, Math.abs(erf(x) - maclaurin(x)));
    expect(worst).toBeLessThan(1e-13);
  });

  it('is odd, monotonic and saturates', () => {
    let previous = -1;
    for (let x = -7; x <= 7; x += 0.01) {
      const value = erf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      expect(erf(-x)).toBe(-value);
      previous = value;
    }
    expect(erf(6)).toBe(1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
  });

  it('keeps zero, tiny values and NaN', () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(1e-20)).toBeCloseTo(1.1283791670955127e-20, 35);
    expect(erf(NaN)).toBeNaN();
  });

  it('is accurate in the tail through 1 - erf', () => {
    // erfc(4) = 1.541725790028002e-8 and erfc(5) = 1.537459794428035e-12.
    expect(Math.abs(1 - erf(4) - 1.541725790028002e-8)).toBeLessThan(1e-16);
    expect(Math.abs(1 - erf(5) - 1.537459794428035e-12)).toBeLessThan(1e-16);
  });
});
