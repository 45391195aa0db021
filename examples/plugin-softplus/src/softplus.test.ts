import { describe, expect, it } from 'vitest';
import { gradcheck, randn, tensor, tidy } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { Softplus, softplus, softplusPlugin } from './index.js';

describe('the softplus plugin', () => {
  it('computes softplus, linear above the threshold', () => {
    const y = softplus(tensor([-2, 0, 1, 30]), 1, 20);
    const expected = [Math.log1p(Math.exp(-2)), Math.log(2), Math.log1p(Math.E), 30];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('has the right gradient (gradcheck)', async () => {
    await expect(gradcheck((x) => softplus(x, 2, 3), [randn([3, 4])])).resolves.toBe(true);
  });

  it('trains inside a model, and saves and loads with the plugin', async () => {
    const model = new nn.Sequential(new nn.Linear(2, 4), new Softplus(1.5), new nn.Linear(4, 1));
    tidy(() => model.forward(randn([5, 2])).sum().backward());
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    const loaded = nn.loadModel(await nn.saveModel(model), { plugins: [softplusPlugin] }) as nn.Sequential;
    const x = randn([2, 2]);
    expect(loaded.forward(x).arraySync()).toEqual(model.forward(x).arraySync());
  });
});
