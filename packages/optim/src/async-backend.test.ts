import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, registerBackend, setBackend, tensor, type Tensor } from '@neurite/tensor';
import { clipGradNorm, clipGradValue } from './clip.js';
import { computeLoss, expectClose, fixtures, initialParams, makeOptimizer, type ParamName } from './testing/fixtures.js';

/**
 * Everything in this package must run on backends that only read asynchronously (workers, WebGPU):
 * here the CPU backend behind a proxy that refuses synchronous reads, so a stray dataSync() fails.
 */
function asyncOnly(): Parameters<typeof registerBackend>[1] {
  const cpu = getBackend();
  const capabilities = { ...cpu.capabilities, synchronousRead: false };
  return () =>
    new Proxy(cpu, {
      get(target, key) {
        if (key === 'name') return 'cpu-async-only';
        if (key === 'capabilities') return capabilities;
        if (key === 'readSync') return () => { throw new Error('readSync on an asynchronous backend'); };
        const value: unknown = Reflect.get(target, key, target);
        // Bound to the real backend, whose methods use private fields.
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

describe('on a backend without synchronous reads', () => {
  beforeAll(async () => {
    registerBackend('cpu-async-only', asyncOnly(), { priority: -100 });
    await setBackend('cpu-async-only');
  });
  afterAll(async () => {
    await setBackend('cpu');
  });

  it('the proxy really refuses synchronous reads', () => {
    expect(getBackend().name).toBe('cpu-async-only');
    expect(() => tensor([1]).dataSync()).toThrow("dataSync: the 'cpu-async-only' backend reads asynchronously");
  });

  for (const testCase of fixtures.optimizers.filter((c) => c.groups !== null)) {
    it(`${testCase.name} steps as on the CPU`, async () => {
      const params = initialParams();
      const optimizer = makeOptimizer(testCase.optimizer, testCase.groups!.map((group) => ({ ...group, params: group.params.map((name) => params[name]) })), testCase.options);
      for (const expected of testCase.steps) {
        optimizer.zeroGrad({ setToNone: false });
        const loss = computeLoss(params);
        loss.backward();
        loss.dispose();
        optimizer.step();
        for (const name of Object.keys(expected) as ParamName[]) expectClose(await params[name].data(), expected[name], name);
      }
      optimizer.loadStateDict(optimizer.stateDict());
    });
  }

  it('clips gradients without reading them back', async () => {
    const testCase = fixtures.clip.cases[0];
    const params: Tensor[] = fixtures.clip.grads.map(({ shape, values }) => {
      const param = tensor(new Float32Array(values.length), shape);
      param.requiresGrad = true;
      param.grad = tensor(Float32Array.from(values), shape);
      return param;
    });
    const total = clipGradNorm(params, testCase.maxNorm!);
    expectClose([await total.item()], [testCase.total!], 'total');
    clipGradValue(params, 10);
    expectClose(Array.from(await params[0].grad!.data()), testCase.grads[0], 'grad');
  });
});
