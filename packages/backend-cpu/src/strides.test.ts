import { describe, expect, it } from 'vitest';
import { broadcastStrides, contiguousStrides, sameShape, withoutAxis } from './strides.js';

describe('contiguousStrides', () => {
  it('gives row-major strides', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([5])).toEqual([1]);
    expect(contiguousStrides([])).toEqual([]);
    expect(contiguousStrides([3, 0, 2])).toEqual([0, 2, 1]);
  });
});

describe('broadcastStrides', () => {
  it('aligns to the right and zeroes broadcast axes', () => {
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([4], [2, 3, 4])).toEqual([0, 0, 1]);
    expect(broadcastStrides([], [2, 3])).toEqual([0, 0]);
    expect(broadcastStrides([2, 3], [2, 3])).toEqual([3, 1]);
  });
});

describe('withoutAxis and sameShape', () => {
  it('zero one stride and compare shapes', () => {
    expect(withoutAxis([6, 3, 1], 1)).toEqual([6, 0, 1]);
    expect(sameShape([2, 3], [2, 3])).toBe(true);
    expect(sameShape([2, 3], [3, 2])).toBe(false);
    expect(sameShape([2], [2, 1])).toBe(false);
  });
});
