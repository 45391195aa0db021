import { describe, it } from 'vitest';
import { computeLoss, expectClose, fixtures, initialParams, makeOptimizer, type ParamName, type Params } from './testing/fixtures.js';

/** Parameter values after each of 5 steps, against PyTorch (fixtures/generate_optim_fixtures.py). */
describe('optimizers match PyTorch step by step', () => {
  for (const testCase of fixtures.optimizers) {
    it(testCase.name, async () => {
      const params: Params = initialParams();
      const paramArg = testCase.groups === null
        ? [params.w, params.b, params.unused]
        : testCase.groups.map((group) => ({ ...group, params: group.params.map((name) => params[name]) }));
      const optimizer = makeOptimizer(testCase.optimizer, paramArg, testCase.options);
      for (const [step, expected] of testCase.steps.entries()) {
        optimizer.zeroGrad();
        const loss = computeLoss(params);
        loss.backward();
        loss.dispose();
        optimizer.step();
        for (const name of Object.keys(expected) as ParamName[]) {
          expectClose(await params[name].data(), expected[name], `${testCase.name}: ${name} after step ${step + 1}`);
        }
      }
      optimizer.dispose();
    });
  }
});
