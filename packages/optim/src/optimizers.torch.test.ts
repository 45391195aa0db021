import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeEachBackend, expectClose } from '@neurite/tensor/testing';
import { ATOL, RTOL, computeLoss, fixtures, initialParams, makeOptimizer, type OptimizerCase, type ParamName, type Params } from './testing/fixtures.js';

/**
 * Parameter values after each of 5 steps, against PyTorch (fixtures/generate_optim_fixtures.py), on
 * every backend under test: parameters are read asynchronously only, so an optimizer that read a
 * value back synchronously fails on the queued backend.
 */

async function checkSteps(testCase: OptimizerCase, setToNone: boolean): Promise<void> {
  const params: Params = initialParams();
  const paramArg = testCase.groups === null
    ? [params.w, params.b, params.unused]
    : testCase.groups.map((group) => ({ ...group, params: group.params.map((name) => params[name]) }));
  const optimizer = makeOptimizer(testCase.optimizer, paramArg, testCase.options);
  for (const [step, expected] of testCase.steps.entries()) {
    optimizer.zeroGrad({ setToNone });
    const loss = computeLoss(params);
    loss.backward();
    loss.dispose();
    optimizer.step();
    for (const name of Object.keys(expected) as ParamName[]) {
      expectClose(await params[name].data(), expected[name], `${testCase.name}: ${name} after step ${step + 1}`, ATOL, RTOL);
    }
  }
  optimizer.dispose();
}

describeEachBackend({ describe, beforeAll, afterAll }, 'optimizers match PyTorch step by step', () => {
  for (const testCase of fixtures.optimizers) {
    it(testCase.name, () => checkSteps(testCase, true));
    // Backward then accumulates into the zero-filled gradient instead of making a new one.
    it(`${testCase.name}, gradients zero-filled between steps`, () => checkSteps(testCase, false));
  }
});
