import { describe, expect, it } from 'vitest';
import { StridedRows } from './strided-rows.js';
import { positionOf } from './test-support.js';
import { sizeOf } from '@neurite/backend';

/** Every (operand offsets) tuple the walk visits, in order. */
function visited(shape: number[], strides: number[][], starts?: number[]): number[][] {
  const walk = new StridedRows(shape, strides, starts);
  const result: number[][] = [];
  for (let r = 0; r < walk.rowCount; r++) {
    for (let i = 0; i < walk.rowLength; i++) result.push(walk.offsets.map((offset, operand) => offset + i * walk.rowStrides[operand]));
    walk.next();
  }
  return result;
}

/** The same tuples from first principles: position . strides for every position in row-major order. */
function naive(shape: number[], strides: number[][], starts?: number[]): number[][] {
  const result: number[][] = [];
  for (let flat = 0; flat < sizeOf(shape); flat++) {
    const position = positionOf(flat, shape);
    result.push(strides.map((operand, index) => operand.reduce((sum, stride, axis) => sum + stride * position[axis], starts?.[index] ?? 0)));
  }
  return result;
}

describe('StridedRows', () => {
  const cases: [string, number[], number[][], number[]?][] = [
    ['contiguous', [2, 3, 4], [[12, 4, 1]]],
    ['broadcast and contiguous', [2, 3, 4], [[12, 4, 1], [0, 1, 0], [4, 0, 1]]],
    ['transposed', [3, 2], [[2, 1], [1, 3]]],
    ['negative strides with a start', [2, 3], [[3, 1], [-3, -1]], [0, 5]],
    ['size-1 axes', [1, 4, 1, 2], [[8, 2, 2, 1], [0, 1, 0, 0]]],
    ['rank 0', [], [[], []], [3, 7]],
    ['size-0 axis', [2, 0, 3], [[0, 3, 1]]],
    ['odd strides', [2, 2, 2], [[100, 10, 1], [1, 2, 4]], [1, 2]],
  ];
  for (const [name, shape, strides, starts] of cases) {
    it(`visits every element in row-major order: ${name}`, () => {
      expect(visited(shape, strides, starts)).toEqual(naive(shape, strides, starts));
    });
  }

  it('merges a contiguous space into one row', () => {
    const walk = new StridedRows([4, 5, 6], [[30, 6, 1], [30, 6, 1]]);
    expect(walk.rowLength).toBe(120);
    expect(walk.rowCount).toBe(1);
  });

  it('merges a scalar broadcast into one row with stride 0', () => {
    const walk = new StridedRows([4, 5], [[5, 1], [0, 0]]);
    expect([walk.rowLength, walk.rowCount, ...walk.rowStrides]).toEqual([20, 1, 1, 0]);
  });

  it('has no rows when an axis is empty', () => {
    expect(new StridedRows([3, 0], [[0, 1]]).rowCount).toBe(0);
  });
});
