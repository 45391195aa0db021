import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zeros, Generator } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '../index.js';

const { init } = nn;
const stats = (values: ArrayLike<number>) => {
  const n = values.length;
  const mean = Array.from(values).reduce((s, v) => s + v, 0) / n;
  const variance = Array.from(values).reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return { mean, std: Math.sqrt(variance), min: Math.min(...Array.from(values)), max: Math.max(...Array.from(values)) };
};

// Fans and gains are arithmetic on shapes: no tensor, so no backend.
describe('nn.init fans and gains', () => {
  it('computes fans and gains as PyTorch', () => {
    expect(init.fans([16, 8, 5, 5], 'test')).toEqual({ fanIn: 200, fanOut: 400 });
    expect(init.calculateGain('relu')).toBeCloseTo(Math.SQRT2);
    expect(init.calculateGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(2 / 6));
    expect(() => init.fans([3], 'xavierUniform_')).toThrow('xavierUniform_: fan-in and fan-out need a tensor with at least 2 dimensions, got [3]');
  });
});

describeEachBackend({ describe, beforeAll, afterAll }, 'nn.init', () => {
  it('draws from the right distributions, reproducibly', async () => {
    const generator = new Generator(11);
    const w = init.xavierUniform_(zeros([200, 300]), 1, { generator });
    const bound = Math.sqrt(6 / 500);
    const u = stats(await w.data());
    expect(u.min).toBeGreaterThanOrEqual(-bound);
    expect(u.max).toBeLessThanOrEqual(bound);
    expect(u.std).toBeCloseTo(bound / Math.sqrt(3), 3);
    const k = stats(await init.kaimingNormal_(zeros([300, 200]), { nonlinearity: 'relu', generator }).data());
    expect(k.mean).toBeCloseTo(0, 2);
    expect(k.std).toBeCloseTo(Math.sqrt(2 / 200), 3);
    const first = await init.normal_(zeros([5]), 0, 1, { generator: new Generator(4) }).data();
    expect(await init.normal_(zeros([5]), 0, 1, { generator: new Generator(4) }).data()).toEqual(first);
    expect(Array.from(await init.constant_(zeros([2]), 3).data())).toEqual([3, 3]);
  });

  it('Linear is initialised U(±1/√fanIn) like PyTorch', async () => {
    const layer = new nn.Linear(400, 300);
    // The bound as float32 holds it: rand·2b - b is exactly -b (rounded) when rand is tiny enough.
    const bound = Math.fround(1 / Math.sqrt(400));
    const w = stats(await layer.weight.data());
    expect(w.min).toBeGreaterThanOrEqual(-bound);
    expect(w.max).toBeLessThanOrEqual(bound);
    expect(w.std).toBeCloseTo(bound / Math.sqrt(3), 3);
    const b = stats(await layer.bias!.data());
    expect(b.min).toBeGreaterThanOrEqual(-bound);
    expect(b.max).toBeLessThanOrEqual(bound);
    layer.dispose();
  });
});
