import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { flatOf, randomFloats, run, tabulate } from '../test-support.js';

/** For each output position, find the input whose range along `axis` contains it. */
function naive(inputs: { values: number[]; shape: number[] }[], axis: number, shape: number[]): number[] {
  return tabulate(shape, (position) => {
    let index = position[axis];
    for (const input of inputs) {
      if (index < input.shape[axis]) {
        const local = [...position];
        local[axis] = index;
        return input.values[flatOf(local, input.shape)];
      }
      index -= input.shape[axis];
    }
    throw new Error('position outside every input');
  });
}

describe('concat', () => {
  const cases: [number[][], number][] = [
    [[[3]], 0],
    [[[2], [3], [1]], 0],
    [[[2, 3], [1, 3]], 0],
    [[[2, 3], [2, 1], [2, 2]], 1],
    [[[2, 1, 4], [2, 3, 4]], 1],
    [[[2, 3, 1], [2, 3, 2]], 2],
    [[[2, 0], [2, 3], [2, 0]], 1],
    [[[2, 40], [2, 40]], 1],
  ];
  cases.forEach(([shapes, axis], caseIndex) => {
    it(`joins ${JSON.stringify(shapes)} along axis ${axis}`, () => {
      const inputs = shapes.map((shape, index) => ({ values: randomFloats(sizeOf(shape), caseIndex * 10 + index), shape }));
      const shape = [...shapes[0]];
      shape[axis] = shapes.reduce((total, inputShape) => total + inputShape[axis], 0);
      expect(Array.from(run('concat', inputs, { axis }, { shape }))).toEqual(naive(inputs, axis, shape));
    });
  });

  it('joins int32 and bool', () => {
    const ints = run('concat', [{ values: [1, 2], shape: [1, 2], dtype: 'int32' }, { values: [3, 4], shape: [1, 2], dtype: 'int32' }], { axis: 0 }, { shape: [2, 2], dtype: 'int32' });
    expect(Array.from(ints)).toEqual([1, 2, 3, 4]);
    const bools = run('concat', [{ values: [1], shape: [1, 1], dtype: 'bool' }, { values: [0], shape: [1, 1], dtype: 'bool' }], { axis: 1 }, { shape: [1, 2], dtype: 'bool' });
    expect(Array.from(bools)).toEqual([1, 0]);
  });
});
