import type { Generator } from '@neurite/tensor';

/**
 * A uniformly random permutation of `0 … n-1` (Fisher-Yates), drawn from `generator`.
 * Uses 32 random bits per swap rather than `nextInt`'s 24, so the bias stays negligible even for
 * data sets of millions of items.
 */
export function randomPermutation(n: number, generator: Generator): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((generator.nextUint32() / 4294967296) * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
