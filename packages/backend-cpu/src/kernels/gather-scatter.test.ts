import { describe, expect, it } from 'vitest';
import { sizeOf } from '@neurite/backend';
import { KERNEL_PATHS, flatOf, positionOf, randomFloats, randomIntegers, run as runOn, tabulate, type KernelPathOption } from '../test-support.js';

/** out[p] = x[p with p[axis] = index[p]]. */
function naiveGather(x: readonly number[], xShape: number[], index: readonly number[], indexShape: number[], axis: number): number[] {
  return tabulate(indexShape, (position) => {
    const source = [...position];
    source[axis] = index[flatOf(position, indexShape)];
    return x[flatOf(source, xShape)];
  });
}

/** out = target; out[p with p[axis] = index[p]] += source[p], visiting p in row-major order. */
function naiveScatterAdd(target: readonly number[], targetShape: number[], index: readonly number[], indexShape: number[], source: readonly number[], axis: number): number[] {
  const result = Float32Array.from(target);
  for (let flat = 0; flat < index.length; flat++) {
    const position = positionOf(flat, indexShape);
    const destination = [...position];
    destination[axis] = index[flat];
    result[flatOf(destination, targetShape)] += source[flat];
  }
  return Array.from(result);
}

/** [x or target shape, index shape, axis]: the index may be smaller in other axes, any length along `axis`. */
const CASES: [number[], number[], number][] = [
  [[5], [3], 0],
  [[5], [8], 0],
  [[3, 4], [3, 4], 0],
  [[3, 4], [3, 4], 1],
  [[3, 4], [2, 6], 1],
  [[3, 4, 5], [2, 4, 3], 0],
  [[3, 4, 5], [3, 2, 5], 1],
  [[3, 4, 5], [1, 3, 7], 2],
  [[3, 4], [0, 4], 1],
];

describe.each(KERNEL_PATHS)('on the %s kernels', (path: KernelPathOption) => {
  const run: typeof runOn = (primitive, inputs, attributes, output) => runOn(primitive, inputs, attributes, output, path);

  describe('gather', () => {
    CASES.forEach(([xShape, indexShape, axis], caseIndex) => {
      it(`gathers ${JSON.stringify(indexShape)} from ${JSON.stringify(xShape)} along axis ${axis}`, () => {
        const x = randomFloats(sizeOf(xShape), caseIndex);
        const index = randomIntegers(sizeOf(indexShape), 50 + caseIndex, 0, xShape[axis]);
        const actual = run('gather', [{ values: x, shape: xShape }, { values: index, shape: indexShape, dtype: 'int32' }], { axis }, { shape: indexShape });
        expect(Array.from(actual)).toEqual(naiveGather(x, xShape, index, indexShape, axis));
      });
    });

    it('gathers int32 and bool values (hand-computed)', () => {
      const x = { values: [10, 20, 30, 40], shape: [2, 2], dtype: 'int32' as const };
      const index = { values: [1, 1, 0, 1], shape: [2, 2], dtype: 'int32' as const };
      expect(Array.from(run('gather', [x, index], { axis: 1 }, { shape: [2, 2], dtype: 'int32' }))).toEqual([20, 20, 30, 40]);
      expect(Array.from(run('gather', [x, index], { axis: 0 }, { shape: [2, 2], dtype: 'int32' }))).toEqual([30, 40, 10, 40]);
      const bools = { values: [1, 0], shape: [2], dtype: 'bool' as const };
      expect(Array.from(run('gather', [bools, { values: [1, 0, 0], shape: [3], dtype: 'int32' }], { axis: 0 }, { shape: [3], dtype: 'bool' }))).toEqual([0, 1, 1]);
    });

    it('throws on an out-of-range index, naming the kernel, the value and the range', () => {
      const x = { values: [1, 2, 3, 4, 5, 6], shape: [2, 3] };
      const gather = (values: number[]) => () => run('gather', [x, { values, shape: [2, 1], dtype: 'int32' }], { axis: 1 }, { shape: [2, 1] });
      expect(gather([0, 3])).toThrow('gather: index 3 is out of range for axis 1 of size 3 (valid range: 0 to 2)');
      expect(gather([-1, 0])).toThrow(/gather: index -1 is out of range/);
      expect(gather([2, 0])).not.toThrow();
    });
  });

  describe('scatterAdd', () => {
    CASES.forEach(([targetShape, indexShape, axis], caseIndex) => {
      it(`adds ${JSON.stringify(indexShape)} into ${JSON.stringify(targetShape)} along axis ${axis}`, () => {
        const target = randomFloats(sizeOf(targetShape), caseIndex);
        const index = randomIntegers(sizeOf(indexShape), 70 + caseIndex, 0, targetShape[axis]);
        const source = randomFloats(sizeOf(indexShape), 90 + caseIndex);
        const actual = run('scatterAdd', [{ values: target, shape: targetShape }, { values: index, shape: indexShape, dtype: 'int32' }, { values: source, shape: indexShape }], { axis }, { shape: targetShape });
        expect(Array.from(actual)).toEqual(naiveScatterAdd(target, targetShape, index, indexShape, source, axis));
      });
    });

    it('accumulates duplicates (hand-computed) in float32, int32 and bool', () => {
      const index = { values: [0, 2, 0, 0], shape: [4], dtype: 'int32' as const };
      const floats = run('scatterAdd', [{ values: [1, 1, 1], shape: [3] }, index, { values: [1, 2, 3, 4], shape: [4] }], { axis: 0 }, { shape: [3] });
      expect(Array.from(floats)).toEqual([9, 1, 3]);
      const ints = run('scatterAdd', [{ values: [2147483647, 0, 0], shape: [3], dtype: 'int32' }, index, { values: [1, 2, 3, 4], shape: [4], dtype: 'int32' }], { axis: 0 }, { shape: [3], dtype: 'int32' });
      expect(Array.from(ints)).toEqual([-2147483648 + 7, 0, 2]);
      const many = { values: new Array<number>(300).fill(0), shape: [300], dtype: 'int32' as const };
      const bools = run('scatterAdd', [{ values: [0, 0], shape: [2], dtype: 'bool' }, many, { values: new Array<number>(300).fill(1), shape: [300], dtype: 'bool' }], { axis: 0 }, { shape: [2], dtype: 'bool' });
      expect(Array.from(bools)).toEqual([1, 0]);
    });

    it('leaves the target alone for an empty index, and keeps rows the index does not reach', () => {
      const target = { values: [1, 2, 3, 4], shape: [2, 2] };
      expect(Array.from(run('scatterAdd', [target, { values: [], shape: [0, 2], dtype: 'int32' }, { values: [], shape: [0, 2] }], { axis: 0 }, { shape: [2, 2] }))).toEqual([1, 2, 3, 4]);
      expect(Array.from(run('scatterAdd', [target, { values: [1], shape: [1, 1], dtype: 'int32' }, { values: [10], shape: [1, 1] }], { axis: 1 }, { shape: [2, 2] }))).toEqual([1, 12, 3, 4]);
    });

    it('throws on an out-of-range index, naming the kernel, the value and the range', () => {
      const scatter = (values: number[]) => () =>
        run('scatterAdd', [{ values: [0, 0], shape: [2] }, { values, shape: [2], dtype: 'int32' }, { values: [1, 1], shape: [2] }], { axis: 0 }, { shape: [2] });
      expect(scatter([0, 2])).toThrow('scatterAdd: index 2 is out of range for axis 0 of size 2 (valid range: 0 to 1)');
      expect(scatter([-5, 0])).toThrow(/scatterAdd: index -5 is out of range/);
      const emptyAxis = () => run('scatterAdd', [{ values: [], shape: [0] }, { values: [0], shape: [1], dtype: 'int32' }, { values: [1], shape: [1] }], { axis: 0 }, { shape: [0] });
      expect(emptyAxis).toThrow('scatterAdd: index 0 is out of range for axis 0 of size 0 (valid range: none, the axis is empty)');
    });
  });
});
