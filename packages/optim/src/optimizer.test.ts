import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { SGD } from './sgd.js';
import { Adam } from './adam.js';
import { StepLR } from './schedulers/step-lr.js';
import { Optimizer, setStateTensor, stateTensor, type OptimizerParams, type OptionContext, type ParamState } from './index.js';

/** An optimizer written from the public exports only, as a third party would: sign descent with a running sum. */
class SignSGD extends Optimizer<{ lr: number }> {
  constructor(params: OptimizerParams<{ lr: number }>, options: { lr: number }) {
    super('SignSGD', params, options);
  }
  protected checkOptions(options: Readonly<{ lr: number }>, context: OptionContext): void {
    if (!(options.lr > 0)) throw new Error(`${context.optimizer}: invalid lr ${options.lr} in ${context.where}`);
  }
  protected updateParameter(param: Tensor, grad: Tensor, state: ParamState): void {
    setStateTensor(state, 'sum', stateTensor(state, 'sum', param).add(grad));
    param.assign(param.sub(grad.sign().mul((this.paramGroups[0].lr))));
  }
}

function parameter(values: number[]): Tensor {
  const t = tensor(values);
  t.requiresGrad = true;
  return t;
}

describeEachBackend({ describe, beforeAll, afterAll }, 'Optimizer', () => {
  it('zeroGrad drops gradients, or fills them with zeros', async () => {
    const p = parameter([1, 2]);
    const optimizer = new SGD([p], { lr: 0.1 });
    p.grad = tensor([3, 4]);
    optimizer.zeroGrad({ setToNone: false });
    expect(Array.from(await p.grad!.data())).toEqual([0, 0]);
    optimizer.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('uses a group option changed by hand at the next step', async () => {
    const p = parameter([1, 2]);
    const optimizer = new SGD([p], { lr: 0.1 });
    optimizer.paramGroups[0].lr = 1;
    p.grad = tensor([0.5, 0.25]);
    optimizer.step();
    expect(Array.from(await p.data())).toEqual([0.5, 1.75]);
  });

  it('a scheduler sets the lr the optimizer steps with', async () => {
    const p = parameter([0]);
    const optimizer = new SGD([p], { lr: 1 });
    const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
    const seen: number[] = [];
    for (let step = 0; step < 3; step++) {
      p.grad = tensor([-1]);
      const before = (await p.data())[0];
      optimizer.step();
      seen.push((await p.data())[0] - before);
      scheduler.step();
    }
    expect(seen).toEqual([1, 0.5, 0.25]);
  });

  it('addParamGroup adds parameters later, with their own options', async () => {
    const p = parameter([1]);
    const q = parameter([1]);
    const optimizer = new Adam([p], { lr: 0.1 });
    optimizer.addParamGroup({ params: [q], lr: 0.2 });
    expect(() => optimizer.addParamGroup({ params: [p] })).toThrow('Adam: parameter 0 of paramGroups[2] is already in paramGroups[0]');
    p.grad = tensor([1]);
    q.grad = tensor([1]);
    optimizer.step();
    // Adam's first step moves each parameter by lr (the update is m / sqrt(v) = sign(g)).
    expect((await p.data())[0]).toBeCloseTo(0.9, 6);
    expect((await q.data())[0]).toBeCloseTo(0.8, 6);
  });

  it('steps no parameter whose grad is null, and keeps no state for it', () => {
    const p = parameter([1]);
    const optimizer = new SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.5 });
    optimizer.step();
    expect(optimizer.stateDict().state).toEqual({});
  });

  it('can be extended from the public exports', async () => {
    const p = parameter([1, -1]);
    const optimizer = new SignSGD([p], { lr: 0.5 });
    expect(() => new SignSGD([p], { lr: 0 })).toThrow('SignSGD: invalid lr 0 in the options');
    p.grad = tensor([3, -0.1]);
    optimizer.step();
    optimizer.step();
    expect(Array.from(await p.data())).toEqual([0, 0]);
    const dict = optimizer.stateDict();
    expect(Array.from(await (dict.state[0].sum as Tensor).data())).toEqual([6, -0.2].map(Math.fround));
    optimizer.dispose();
  });
});
