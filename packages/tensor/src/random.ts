/**
 * A seeded random number generator (xoshiro128**): fast in 32-bit integer arithmetic, with a
 * 2^128 - 1 period. Random tensors are drawn here and uploaded, so every backend sees the same
 * numbers for the same seed.
 */
export class Generator {
  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;
  /** A second normal from the last Box-Muller pair, or NaN when none is cached. */
  #spareNormal = Number.NaN;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Restarts the sequence from `seed` (any integer; 64-bit values are folded). */
  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new Error(`manualSeed: the seed must be a finite number, got ${seed}`);
    // splitmix32 spreads the seed over the four words so that nearby seeds give unrelated streams.
    let state = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next() || 1;
    this.#spareNormal = Number.NaN;
    return this;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotateLeft(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 24 random bits, so it is exact in float32 and never rounds up to 1. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** A standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  nextNormal(): number {
    if (!Number.isNaN(this.#spareNormal)) {
      const spare = this.#spareNormal;
      this.#spareNormal = Number.NaN;
      return spare;
    }
    const u1 = (this.nextUint32() + 1) / 4294967297; // in (0, 1): log(u1) is finite
    const u2 = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in [low, high). */
  nextInt(low: number, high: number): number {
    return low + Math.floor(this.nextFloat() * (high - low));
  }

  /** The full state, to save and restore (e.g. in a training checkpoint). */
  getState(): [number, number, number, number, number] {
    return [this.#s0, this.#s1, this.#s2, this.#s3, this.#spareNormal];
  }

  setState(state: readonly number[]): void {
    if (state.length !== 5) throw new Error('Generator.setState: expected the 5 numbers getState returned');
    [this.#s0, this.#s1, this.#s2, this.#s3, this.#spareNormal] = state.map((v, i) => (i < 4 ? v >>> 0 : v)) as [number, number, number, number, number];
  }
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** The default generator that `manualSeed` seeds and every random op uses unless given another. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator: initialisation, dropout and shuffling become reproducible. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
