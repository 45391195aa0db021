import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '@neurite/tensor';
import { describeEachBackend, expectClose } from '@neurite/tensor/testing';
import { Adam } from '../adam.js';
import type { Optimizer } from '../optimizer.js';
import { SGD } from '../sgd.js';
import { fixtures, type SchedulerCase } from '../testing/fixtures.js';
import { CosineAnnealingLR } from './cosine-annealing-lr.js';
import { ExponentialLR } from './exponential-lr.js';
import { LinearLR } from './linear-lr.js';
import type { LRScheduler } from './lr-scheduler.js';
import { OneCycleLR } from './one-cycle-lr.js';
import { StepLR } from './step-lr.js';

/**
 * Learning-rate (and momentum) sequences against PyTorch (fixtures/generate_optim_fixtures.py).
 * The schedulers compute on numbers, but the optimizers they drive hold parameter tensors and
 * step, so the suite runs on every backend under test.
 */

const schedulers: Record<string, (optimizer: Optimizer, options: never) => LRScheduler> = {
  StepLR: (o, options) => new StepLR(o, options),
  ExponentialLR: (o, options) => new ExponentialLR(o, options),
  CosineAnnealingLR: (o, options) => new CosineAnnealingLR(o, options),
  LinearLR: (o, options) => new LinearLR(o, options),
  OneCycleLR: (o, options) => new OneCycleLR(o, options),
};

/** The generator's optimizer: two groups with lr 0.1 and 0.05 (SGD with momentum 0.9, or Adam). */
function makeOptimizer(kind: SchedulerCase['optimizer']): Optimizer {
  const param = () => {
    const t = tensor([0, 0]);
    t.requiresGrad = true;
    return t;
  };
  const groups = [{ params: [param()], lr: 0.1 }, { params: [param()], lr: 0.05 }];
  return kind === 'Adam' ? new Adam(groups) : new SGD(groups, { lr: 0.1, momentum: 0.9 });
}

function momentumOf(optimizer: Optimizer): number[] {
  return optimizer.paramGroups.map((group) => {
    const { betas, momentum } = group as typeof group & { betas?: readonly number[]; momentum?: number };
    return betas ? betas[0] : momentum!;
  });
}

function makeScheduler(testCase: SchedulerCase, optimizer: Optimizer): LRScheduler {
  return schedulers[testCase.scheduler](optimizer, testCase.options as never);
}

describeEachBackend({ describe, beforeAll, afterAll }, 'schedulers match PyTorch', () => {
  for (const testCase of fixtures.schedulers) {
    it(`${testCase.scheduler} ${JSON.stringify(testCase.options)}`, () => {
      const optimizer = makeOptimizer(testCase.optimizer);
      const scheduler = makeScheduler(testCase, optimizer);
      for (let step = 0; step <= testCase.steps; step++) {
        if (step > 0) {
          optimizer.step();
          scheduler.step();
        }
        const what = `${testCase.scheduler} at step ${step}`;
        expectClose(scheduler.getLastLr(), testCase.lr[step], `${what}: lr`, 1e-15, 1e-12);
        expectClose(optimizer.paramGroups.map((group) => group.lr), testCase.lr[step], `${what}: group lr`, 1e-15, 1e-12);
        if (testCase.momentum) expectClose(momentumOf(optimizer), testCase.momentum[step], `${what}: momentum`, 1e-15, 1e-12);
      }
    });
  }

  it('a scheduler resumes from its state dict and the optimizer\'s', () => {
    for (const testCase of fixtures.schedulers) {
      const optimizer = makeOptimizer(testCase.optimizer);
      const scheduler = makeScheduler(testCase, optimizer);
      const half = Math.floor(testCase.steps / 2);
      for (let step = 0; step < half; step++) scheduler.step();
      const optimizerState = optimizer.stateDict();
      const schedulerState = JSON.parse(JSON.stringify(scheduler.stateDict())) as ReturnType<LRScheduler['stateDict']>;

      const resumedOptimizer = makeOptimizer(testCase.optimizer);
      const resumed = makeScheduler(testCase, resumedOptimizer);
      resumedOptimizer.loadStateDict(optimizerState);
      resumed.loadStateDict(schedulerState);
      expect(resumed.getLastLr()).toEqual(scheduler.getLastLr());
      for (let step = half; step < testCase.steps; step++) {
        scheduler.step();
        resumed.step();
        expect(resumed.getLastLr()).toEqual(scheduler.getLastLr());
        expect(momentumOf(resumedOptimizer)).toEqual(momentumOf(optimizer));
      }
    }
  });

  it('OneCycleLR refuses to step past totalSteps and stays where it was', () => {
    const optimizer = makeOptimizer(undefined);
    const scheduler = new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 4 });
    for (let step = 0; step < 4; step++) scheduler.step();
    expect(() => scheduler.step()).toThrow('OneCycleLR: tried to step 6 times; totalSteps is 4');
    expect(scheduler.lastEpoch).toBe(4);
  });
});
