import { describe, expect, it } from 'vitest';
import { Generator, manualSeed } from '@neurite/tensor';
import { randomSplit, Subset, type Dataset } from './index.js';

/** A dataset whose items are their own indices: splits are easy to inspect. */
function numbers(n: number): Dataset<number> {
  return { length: n, get: (index) => index };
}

const itemsOf = <T>(dataset: Dataset<T>): T[] => Array.from({ length: dataset.length }, (_, i) => dataset.get(i));

describe('Subset', () => {
  it('maps its indices onto the dataset', () => {
    const subset = new Subset(numbers(10), [7, 2, 2]);
    expect(subset.length).toBe(3);
    expect(itemsOf(subset)).toEqual([7, 2, 2]);
    expect(subset.getBatch).toBeUndefined();
  });

  it('keeps the batch fast path of the dataset, through its own indices', () => {
    const base: Dataset<number[]> = { length: 10, get: (index) => [index], getBatch: (indices) => [...indices] };
    const subset = new Subset(base, [9, 8, 7]);
    expect(subset.getBatch?.([2, 0])).toEqual([7, 9]);
    expect(() => subset.getBatch?.([3])).toThrow('Subset.getBatch: index 3 is out of range for a dataset of length 3');
  });

  it('rejects indices outside the dataset', () => {
    expect(() => new Subset(numbers(4), [0, 4])).toThrow('Subset: index 4 is out of range for a dataset of length 4');
    expect(() => new Subset({ length: 3 } as never, [0])).toThrow('Subset: expected a dataset');
  });
});

describe('randomSplit', () => {
  it('splits by counts into disjoint subsets covering everything', () => {
    const parts = randomSplit(numbers(10), [7, 3], { generator: new Generator(1) });
    expect(parts.map((part) => part.length)).toEqual([7, 3]);
    const all = parts.flatMap(itemsOf).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('splits by fractions, handing the remainder out from the first subset on', () => {
    const parts = randomSplit(numbers(10), [0.5, 0.3, 0.2], { generator: new Generator(0) });
    expect(parts.map((part) => part.length)).toEqual([5, 3, 2]);
    expect(randomSplit(numbers(11), [1 / 3, 1 / 3, 1 / 3]).map((part) => part.length)).toEqual([4, 4, 3]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const split = (seed: number) => randomSplit(numbers(50), [40, 10], { generator: new Generator(seed) }).map(itemsOf);
    expect(split(3)).toEqual(split(3));
    expect(split(3)).not.toEqual(split(4));
  });

  it('draws from the default generator that manualSeed seeds', () => {
    manualSeed(9);
    const first = randomSplit(numbers(30), [0.8, 0.2]).map(itemsOf);
    manualSeed(9);
    expect(randomSplit(numbers(30), [0.8, 0.2]).map(itemsOf)).toEqual(first);
  });

  it('rejects lengths that fit neither form', () => {
    expect(() => randomSplit(numbers(10), [6, 3])).toThrow(
      "randomSplit: lengths [6, 3] add up to 9; expected item counts adding up to the dataset's length (10) or fractions adding up to 1",
    );
    expect(() => randomSplit(numbers(10), [0.5, 0.6])).toThrow('lengths [0.5, 0.6] add up to 1.1');
    expect(() => randomSplit(numbers(10), [11, -1])).toThrow('randomSplit: lengths must be non-negative numbers, got [11, -1]');
    expect(() => randomSplit(numbers(10), [])).toThrow('randomSplit: lengths must be a non-empty array');
    expect(() => randomSplit(numbers(10), [10], { generator: 5 as never })).toThrow('randomSplit: generator must be a Generator, got 5');
  });
});
