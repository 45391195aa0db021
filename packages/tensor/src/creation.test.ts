import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from './testing/backends.js';
import { tensor, zeros, ones, full, arange, linspace, eye, rand, randn, randint, zerosLike, onesLike, manualSeed, Generator } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'creation', () => {
  it('infers shape and dtype from nested arrays', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.dtype).toBe('float32');
    expect(tensor([[true], [false]]).dtype).toBe('bool');
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(new Int32Array([1, 2]), [2]).dtype).toBe('int32');
    expect((await tensor([1.7, -2.2], [2], 'int32').array())).toEqual([1, -2]);
  });

  it('fills', async () => {
    expect((await zeros([2, 1]).array())).toEqual([[0], [0]]);
    expect(ones([2], 'int32').dtype).toBe('int32');
    expect((await full([2], 3.5).array())).toEqual([3.5, 3.5]);
    expect(zerosLike(ones([3], 'bool')).dtype).toBe('bool');
    expect(await onesLike(zeros([1, 2])).array()).toEqual([[1, 1]]);
    expect((await eye(2, 3).array())).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  it('ranges, as PyTorch', async () => {
    expect((await arange(4).array())).toEqual([0, 1, 2, 3]);
    expect(arange(4).dtype).toBe('int32');
    expect((await arange(1, 2, 0.25).array())).toEqual([1, 1.25, 1.5, 1.75]);
    expect((await arange(5, 0, -2).array())).toEqual([5, 3, 1]);
    expect((await linspace(0, 1, 5).array())).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('one seed gives the same random tensors, another gives others', async () => {
    manualSeed(123);
    const a = [(await rand([5]).data()), (await randn([5]).data()), (await randint(0, 10, [5]).data())];
    manualSeed(123);
    const b = [(await rand([5]).data()), (await randn([5]).data()), (await randint(0, 10, [5]).data())];
    expect(b).toEqual(a);
    manualSeed(124);
    expect((await rand([5]).data())).not.toEqual(a[0]);
  });

  it('draws uniform and normal values with the right moments', async () => {
    const generator = new Generator(9);
    const u = (await rand([20000], { generator }).data());
    const n = (await randn([20000], { generator }).data());
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 1);
    expect(mean(n)).toBeCloseTo(0, 1);
    expect(mean(Array.from(n, (x) => x * x))).toBeCloseTo(1, 1);
    const ints = (await randint(-2, 3, [1000], { generator }).data());
    expect(new Set(ints)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });

  it('a generator state can be saved and restored (for checkpoints)', async () => {
    const generator = new Generator(5);
    generator.nextNormal();
    const state = generator.getState();
    const first = [generator.nextNormal(), generator.nextFloat()];
    generator.setState(state);
    expect([generator.nextNormal(), generator.nextFloat()]).toEqual(first);
  });
});
