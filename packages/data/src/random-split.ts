import { defaultGenerator, Generator } from '@neurite/tensor';
import { checkDataset, describe, type Dataset } from './dataset.js';
import { randomPermutation } from './permutation.js';
import { Subset } from './subset.js';

export interface RandomSplitOptions {
  /** Where the permutation comes from; the default generator (seeded by `manualSeed`) if left out. */
  generator?: Generator;
}

/**
 * Splits `dataset` into non-overlapping random subsets, like PyTorch's random_split.
 * `lengths` are either item counts that add up to the dataset's length (`[8000, 2000]`) or
 * fractions that add up to 1 (`[0.8, 0.2]`); fractions are floored and the remainder is handed
 * out one item at a time from the first subset on, as PyTorch does.
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], options: RandomSplitOptions = {}): Subset<T>[] {
  checkDataset('randomSplit', dataset);
  const generator = options.generator ?? defaultGenerator;
  if (!(generator instanceof Generator)) throw new TypeError(`randomSplit: generator must be a Generator, got ${describe(generator)}`);
  const counts = splitCounts(lengths, dataset.length);
  const order = randomPermutation(dataset.length, generator);
  const subsets: Subset<T>[] = [];
  let offset = 0;
  for (const count of counts) {
    subsets.push(new Subset(dataset, order.subarray(offset, offset + count)));
    offset += count;
  }
  return subsets;
}

function splitCounts(lengths: readonly number[], total: number): number[] {
  const shown = `[${lengths.join(', ')}]`;
  if (!Array.isArray(lengths) || lengths.length === 0) throw new Error(`randomSplit: lengths must be a non-empty array, got ${describe(lengths)}`);
  if (lengths.some((value) => typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw new Error(`randomSplit: lengths must be non-negative numbers, got ${shown}`);
  }
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (lengths.every(Number.isInteger) && sum === total) return [...lengths];
  if (lengths.every((value) => value <= 1) && Math.abs(sum - 1) < 1e-6) {
    const counts = lengths.map((fraction) => Math.floor(fraction * total));
    let remainder = total - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % counts.length, remainder--) counts[i] += 1;
    return counts;
  }
  throw new Error(`randomSplit: lengths ${shown} add up to ${sum}; expected item counts adding up to the dataset's length (${total}) or fractions adding up to 1`);
}
