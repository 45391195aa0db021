import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import { CosineAnnealingLR } from './schedulers/cosine-annealing-lr.js';
import { LinearLR } from './schedulers/linear-lr.js';
import { OneCycleLR } from './schedulers/one-cycle-lr.js';
import { StepLR } from './schedulers/step-lr.js';
import type { Optimizer } from './optimizer.js';

function parameter(values: number[] = [1, 2]): Tensor {
  const t = tensor(values);
  t.requiresGrad = true;
  return t;
}

describeEachBackend({ describe, beforeAll, afterAll }, 'optimizer errors name the option and the value', () => {
  it('rejects bad hyper-parameters', () => {
    const p = [parameter()];
    expect(() => new SGD(p, { lr: -0.1 })).toThrow('SGD: invalid lr -0.1 in the options; expected a number >= 0');
    expect(() => new SGD(p, {} as { lr: number })).toThrow('SGD: invalid lr undefined in the options');
    expect(() => new SGD(p, undefined as unknown as { lr: number })).toThrow('SGD: invalid lr undefined in the options');
    expect(() => new SGD(p, { lr: 0.1, momentum: -1 })).toThrow('SGD: invalid momentum -1');
    expect(() => new SGD(p, { lr: 0.1, nesterov: true })).toThrow('SGD: nesterov needs momentum > 0 and dampening 0 (got momentum 0, dampening 0)');
    expect(() => new SGD(p, { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow('nesterov needs momentum > 0 and dampening 0');
    expect(() => new Adam(p, { betas: [0.9, 1] })).toThrow('Adam: invalid betas[1] 1 in the options; expected a number in [0, 1)');
    expect(() => new Adam(p, { betas: [-0.1, 0.9] })).toThrow('Adam: invalid betas[0] -0.1');
    expect(() => new Adam(p, { betas: [0.9] as unknown as [number, number] })).toThrow('Adam: invalid betas [0.9] in the options; expected two numbers');
    expect(() => new Adam(p, { eps: -1e-8 })).toThrow('Adam: invalid eps -1e-8');
    expect(() => new AdamW(p, { weightDecay: -0.01 })).toThrow('AdamW: invalid weightDecay -0.01');
    expect(() => new Adam(p, { amsgrad: 'yes' as unknown as boolean })).toThrow("Adam: invalid amsgrad 'yes' in the options; expected true or false");
    expect(() => new RMSprop(p, { alpha: -0.5 })).toThrow('RMSprop: invalid alpha -0.5');
    expect(() => new RMSprop(p, { lr: Number.NaN })).toThrow('RMSprop: invalid lr NaN');
    expect(() => new Adam([{ params: p, lr: -1 }])).toThrow('Adam: invalid lr -1 in paramGroups[0]');
  });

  it('rejects parameters that cannot be optimized', () => {
    expect(() => new SGD([tensor([1, 2])], { lr: 0.1 })).toThrow('SGD: parameter 0 of paramGroups[0] does not require grad; set requiresGrad = true on it first');
    expect(() => new SGD([tensor([1, 2], undefined, 'int32')], { lr: 0.1 })).toThrow("SGD: parameter 0 of paramGroups[0] has dtype 'int32'; only float32 tensors can be optimized");
    const leaf = parameter();
    expect(() => new Adam([leaf.mul(2)])).toThrow('Adam: parameter 0 of paramGroups[0] is not a leaf');
    const shared = parameter();
    expect(() => new Adam([{ params: [shared] }, { params: [parameter(), shared] }])).toThrow('Adam: parameter 1 of paramGroups[1] is already in paramGroups[0]; a parameter can be in one group only');
    expect(() => new Adam([shared, shared])).toThrow('Adam: parameter 1 of paramGroups[0] appears twice in the group');
    expect(() => new Adam([])).toThrow('Adam: got an empty parameter list');
    expect(() => new Adam([parameter(), { params: [parameter()] }] as unknown as Tensor[])).toThrow('Adam: params must be a list of tensors or a list of groups');
    expect(() => new Adam([{ params: [parameter()], weight_decay: 0.1 } as never])).toThrow("Adam: paramGroups[0] has an unknown option 'weight_decay'; the options are lr, betas, eps, weightDecay, amsgrad, maximize");
    const disposed = parameter();
    disposed.dispose();
    expect(() => new Adam([disposed])).toThrow('Adam: parameter 0 of paramGroups[0] was disposed');
  });

  it('takes defaults for groups, and undefined means the default', () => {
    const optimizer = new SGD([{ params: [parameter()] }, { params: [parameter()], lr: 0.5, momentum: undefined }], { lr: 0.1, momentum: 0.9 });
    expect(optimizer.paramGroups.map((group) => [group.lr, group.momentum])).toEqual([[0.1, 0.9], [0.5, 0.9]]);
    expect(new AdamW([parameter()]).defaults.weightDecay).toBe(1e-2);
  });
});

describeEachBackend({ describe, beforeAll, afterAll }, 'scheduler errors', () => {
  const optimizer = (): Optimizer => new SGD([parameter()], { lr: 0.1 });
  it('rejects bad settings', () => {
    expect(() => new StepLR(optimizer(), { stepSize: 0 })).toThrow('StepLR: invalid stepSize 0; expected a positive integer');
    expect(() => new StepLR(optimizer(), { stepSize: 2, gamma: -1 })).toThrow('StepLR: invalid gamma -1');
    expect(() => new CosineAnnealingLR(optimizer(), { tMax: 1.5 })).toThrow('CosineAnnealingLR: invalid tMax 1.5');
    expect(() => new LinearLR(optimizer(), { startFactor: 0 })).toThrow('LinearLR: invalid startFactor 0; expected a number in (0, 1]');
    expect(() => new LinearLR(optimizer(), { endFactor: 2 })).toThrow('LinearLR: invalid endFactor 2; expected a number in [0, 1]');
    expect(() => new OneCycleLR(optimizer(), { maxLr: 1 })).toThrow('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
    expect(() => new OneCycleLR(optimizer(), { maxLr: [1, 2], totalSteps: 10 })).toThrow('OneCycleLR: expected 1 values for maxLr (one per parameter group), got 2');
    expect(() => new OneCycleLR(optimizer(), { maxLr: 1, totalSteps: 10, pctStart: 1.5 })).toThrow('OneCycleLR: invalid pctStart 1.5');
    expect(() => new OneCycleLR(optimizer(), { maxLr: 1, totalSteps: 10, annealStrategy: 'exp' as 'cos' })).toThrow("OneCycleLR: invalid annealStrategy 'exp'");
    expect(() => new StepLR({} as Optimizer, { stepSize: 1 })).toThrow('StepLR: expected an optimizer');
  });
});
