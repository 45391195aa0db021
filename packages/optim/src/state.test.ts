import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, dispose, memory, tensor, tidy } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { Adam } from './adam.js';
import type { Optimizer, OptimizerStateDict } from './optimizer.js';
import { SGD } from './sgd.js';
import { optimizerStateFromTensors, optimizerStateToTensors } from './state.js';
import { initialParams, makeOptimizer, trainStep, type OptimizerKind, type Params } from './testing/fixtures.js';

/** Configurations that use every kind of state: momentum buffers, both moments, AMSGrad's max, RMSprop's averages. */
const configs: [OptimizerKind, Record<string, unknown>][] = [
  ['SGD', { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['Adam', { lr: 0.05, amsgrad: true, weightDecay: 0.1 }],
  ['AdamW', { lr: 0.05, betas: [0.8, 0.95] }],
  ['RMSprop', { lr: 0.01, centered: true, momentum: 0.9 }],
];

function paramList(params: Params): Tensor[] {
  return [params.w, params.b, params.unused];
}

/** Parameters with the same values as `params`, for a fresh optimizer (a new process, in real life). */
function copyParams(params: Params): Params {
  const copy = (t: Tensor) => {
    const fresh = new Tensor(t);
    fresh.requiresGrad = true;
    return fresh;
  };
  return { w: copy(params.w), b: copy(params.b), unused: copy(params.unused) };
}

async function valuesOf(params: Params): Promise<Float32Array[]> {
  return Promise.all(paramList(params).map(async (t) => (await t.data()) as Float32Array));
}

/** Trains 3 steps, saves through `roundTrip`, loads into a new optimizer and trains 2 more. */
async function resumed(kind: OptimizerKind, options: Record<string, unknown>, roundTrip: (dict: OptimizerStateDict) => OptimizerStateDict): Promise<Float32Array[]> {
  const params = initialParams();
  const first = makeOptimizer(kind, paramList(params), options);
  for (let step = 0; step < 3; step++) trainStep(first, params);
  const saved = first.stateDict();
  first.dispose();
  const restored = roundTrip(saved);

  const continued = copyParams(params);
  const second = makeOptimizer(kind, paramList(continued), options);
  second.loadStateDict(restored);
  dispose(tensorsIn(saved));
  dispose(tensorsIn(restored));
  for (let step = 0; step < 2; step++) trainStep(second, continued);
  second.dispose();
  return valuesOf(continued);
}

function tensorsIn(dict: OptimizerStateDict): Tensor[] {
  return Object.values(dict.state).flatMap((entry) => Object.values(entry).filter((value): value is Tensor => value instanceof Tensor));
}

async function uninterrupted(kind: OptimizerKind, options: Record<string, unknown>): Promise<Float32Array[]> {
  const params = initialParams();
  const optimizer = makeOptimizer(kind, paramList(params), options);
  for (let step = 0; step < 5; step++) trainStep(optimizer, params);
  optimizer.dispose();
  return valuesOf(params);
}

describeEachBackend({ describe, beforeAll, afterAll }, 'state dicts', () => {
  for (const [kind, options] of configs) {
    it(`${kind}: 3 steps, save, load into a new optimizer, 2 steps == 5 steps, exactly`, async () => {
      const expected = await uninterrupted(kind, options);
      expect(await resumed(kind, options, (dict) => dict)).toEqual(expected);
      // The same through the safetensors-friendly form, with the metadata string round-tripped as text.
      const viaTensors = (dict: OptimizerStateDict) => {
        const { tensors, metadata } = optimizerStateToTensors(dict, { prefix: 'optimizer.' });
        return optimizerStateFromTensors({ ...tensors, 'model.weight': tensor([1]) }, String(metadata), { prefix: 'optimizer.' });
      };
      expect(await resumed(kind, options, viaTensors)).toEqual(expected);
    });
  }

  it("has PyTorch's layout: state by parameter index, groups with options and indices", () => {
    const params = initialParams();
    const optimizer = new Adam([{ params: [params.w] }, { params: [params.b, params.unused], lr: 0.1 }], { amsgrad: true });
    trainStep(optimizer, params);
    const dict = optimizer.stateDict();
    expect(Object.keys(dict.state)).toEqual(['0', '1']); // `unused` never had a gradient
    expect(Object.keys(dict.state[0]).sort()).toEqual(['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step']);
    expect(dict.state[1].step).toBe(1);
    expect((dict.state[1].exp_avg as Tensor).shape).toEqual([2]);
    expect(dict.paramGroups).toEqual([
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [0] },
      { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [1, 2] },
    ]);

    const { tensors, metadata } = optimizerStateToTensors(dict);
    expect(Object.keys(tensors).sort()).toEqual(['state.0.exp_avg', 'state.0.exp_avg_sq', 'state.0.max_exp_avg_sq', 'state.1.exp_avg', 'state.1.exp_avg_sq', 'state.1.max_exp_avg_sq']);
    expect(JSON.parse(metadata).state).toEqual({ 0: { step: 1 }, 1: { step: 1 } });
    dispose(tensorsIn(dict));
    optimizer.dispose();
  });

  it('a saved dict is a snapshot: later steps do not change it', async () => {
    const params = initialParams();
    const optimizer = new SGD(paramList(params), { lr: 0.1, momentum: 0.9 });
    trainStep(optimizer, params);
    const dict = optimizer.stateDict();
    const before = await (dict.state[0].momentum_buffer as Tensor).data();
    trainStep(optimizer, params);
    expect(await (dict.state[0].momentum_buffer as Tensor).data()).toEqual(before);
    dispose(tensorsIn(dict));
    optimizer.dispose();
  });

  it('loading restores options changed by hand or by a scheduler', () => {
    const params = initialParams();
    const optimizer = new SGD(paramList(params), { lr: 0.1 });
    optimizer.paramGroups[0].lr = 0.025;
    const other = new SGD(paramList(copyParams(params)), { lr: 0.1 });
    other.loadStateDict(optimizer.stateDict());
    expect(other.paramGroups[0].lr).toBe(0.025);
  });

  it('loading refuses a dict for other parameters and leaves the optimizer as it was', () => {
    const params = initialParams();
    const optimizer = new Adam(paramList(params));
    trainStep(optimizer, params);
    const dict = optimizer.stateDict();
    const other = new Adam([params.b, params.w, params.unused]);
    expect(() => other.loadStateDict(dict)).toThrow('Adam: loadStateDict: state.0.exp_avg is float32 [3, 2], expected float32 [2] like parameter 0');
    expect(() => new Adam([params.w]).loadStateDict(dict)).toThrow('paramGroups[0] has 3 parameters in the state dict, 1 in the optimizer');
    expect(() => new SGD(paramList(params), { lr: 1 }).loadStateDict(dict)).toThrow("SGD: loadStateDict: paramGroups[0] has option 'betas', which SGD does not have");
    const bad = { ...dict, paramGroups: [{ ...dict.paramGroups[0], lr: -1 }] };
    expect(() => other.loadStateDict(bad)).toThrow('Adam: invalid lr -1 in loadStateDict paramGroups[0]; expected a number >= 0');
    expect(() => optimizerStateFromTensors({}, '{"format":"x"}')).toThrow('not an optimizer state');
    expect(() => optimizerStateFromTensors({}, 'nope')).toThrow('the metadata is not JSON');
    dispose(tensorsIn(dict));
    optimizer.dispose();
  });

  it('training runs at flat memory, and dispose() frees the state', () => {
    const before = memory().tensors;
    tidy(() => {
      const params = initialParams();
      const optimizers: Optimizer[] = configs.map(([kind, options]) => makeOptimizer(kind, paramList(params), options));
      for (const optimizer of optimizers) trainStep(optimizer, params);
      const warm = memory();
      for (let step = 0; step < 3; step++) for (const optimizer of optimizers) trainStep(optimizer, params);
      expect(memory()).toEqual(warm);
      for (const optimizer of optimizers) optimizer.dispose();
      for (const param of paramList(params)) param.grad = null;
    });
    expect(memory().tensors).toBe(before);
  });
});
