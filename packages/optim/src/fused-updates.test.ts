import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, manualSeed, noGrad, randn, setBackend, tidy, type Tensor } from '@neurite/tensor';
import { backendsUnderTest, expectClose } from '@neurite/tensor/testing';
import { ADAM_DEFAULTS, adamUpdate, adamUpdateComposite, type AdamOptions } from './adam.js';
import { sgdUpdate, sgdUpdateComposite, type SGDOptions } from './sgd.js';
import type { ParamState } from './optimizer.js';

/**
 * Backends with fused optimizer updates (the CPU and worker backends' WebAssembly path, WebGPU) run Adam,
 * AdamW and SGD as one kernel per parameter. Each must follow the composition from tensor ops,
 * step after step, state included.
 */
type Update = (param: Tensor, grad: Tensor, state: ParamState) => void;

async function followsComposition(fused: Update, composite: Update, stateKeys: readonly string[]): Promise<void> {
  manualSeed(3);
  const start = randn([37, 5]);
  const [a, b] = [start.clone(), start.clone()];
  const [stateA, stateB]: ParamState[] = [{}, {}];
  for (let step = 0; step < 4; step++) {
    const grad = randn([37, 5]);
    noGrad(() => tidy(() => fused(a, grad, stateA)));
    noGrad(() => tidy(() => composite(b, grad, stateB)));
    grad.dispose();
  }
  expectClose(await a.data(), Array.from(await b.data()), 'parameter', 1e-6, 1e-5);
  for (const key of stateKeys) expectClose(await (stateA[key] as Tensor).data(), Array.from(await (stateB[key] as Tensor).data()), key, 1e-6, 1e-5);
  for (const tensor of [start, a, b, ...stateKeys.flatMap((key) => [stateA[key] as Tensor, stateB[key] as Tensor])]) tensor.dispose();
}

const adamCases: { name: string; options: Partial<AdamOptions>; decoupled: boolean }[] = [
  { name: 'Adam', options: {}, decoupled: false },
  { name: 'Adam with L2 decay, AMSGrad and maximize', options: { weightDecay: 0.1, amsgrad: true, maximize: true, lr: 0.01 }, decoupled: false },
  { name: 'AdamW', options: { weightDecay: 0.05, lr: 0.02 }, decoupled: true },
];

const sgdCases: { name: string; options: SGDOptions }[] = [
  { name: 'SGD', options: { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false } },
  { name: 'SGD with momentum, dampening and decay', options: { lr: 0.05, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0.01, maximize: false } },
  { name: 'SGD with Nesterov momentum, maximizing', options: { lr: 0.05, momentum: 0.8, dampening: 0, nesterov: true, weightDecay: 0, maximize: true } },
];

const fusedBackends = backendsUnderTest().filter((name) => name === 'webgpu' || name === 'cpu' || name === 'worker');

for (const backendName of fusedBackends) {
  describe(`fused optimizer updates [${backendName}]`, () => {
    beforeAll(async () => {
      await setBackend(backendName);
    });
    afterAll(async () => {
      await setBackend('cpu');
    });

    it('the backend offers them', () => {
      expect(Object.keys(getBackend().fusedUpdates ?? {}).sort()).toEqual(['adam', 'sgd']);
    });

    for (const { name, options, decoupled } of adamCases) {
      it(`${name} follows its composition`, async () => {
        const group = { ...ADAM_DEFAULTS, ...options };
        await followsComposition(
          (p, g, s) => adamUpdate(p, g, s, group, decoupled),
          (p, g, s) => adamUpdateComposite(p, g, s, group, decoupled),
          ['exp_avg', 'exp_avg_sq', ...(group.amsgrad ? ['max_exp_avg_sq'] : [])],
        );
      });
    }

    for (const { name, options } of sgdCases) {
      it(`${name} follows its composition`, async () => {
        await followsComposition(
          (p, g, s) => sgdUpdate(p, g, s, options),
          (p, g, s) => sgdUpdateComposite(p, g, s, options),
          options.momentum !== 0 ? ['momentum_buffer'] : [],
        );
      });
    }
  });
}
