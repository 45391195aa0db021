import { tidy, type Tensor } from '@neurite/tensor';
import { fromFixture, type TensorFixture } from '@neurite/tensor/testing';
import fixtureJson from '../__fixtures__/optim.json';
import { Adam } from '../adam.js';
import { AdamW } from '../adamw.js';
import type { Optimizer, OptimizerOptions, ParamGroupInput } from '../optimizer.js';
import { RMSprop } from '../rmsprop.js';
import { SGD } from '../sgd.js';

/**
 * Test helpers: the PyTorch fixtures (fixtures/generate_optim_fixtures.py) and the loss they use.
 * Comparison and tensor helpers come from @neurite/tensor/testing.
 */

/**
 * The optimizer fixtures' tolerance, ten times tighter than @neurite/tensor/testing's defaults:
 * five float32 steps of the same update rule stay this close to PyTorch, and these suites have
 * always held the optimizers to it.
 */
export const ATOL = 1e-6;
export const RTOL = 1e-5;

/** A float32 tensor as the optimizer fixtures write it: no dtype, every value float32. */
export interface FlatTensor { shape: number[]; values: number[] }

/** A fixture tensor as a float32 tensor on the active backend. */
export const fromFlat = ({ shape, values }: FlatTensor): Tensor => fromFixture({ shape, values, dtype: 'float32' } satisfies TensorFixture);

export type ParamName = 'w' | 'b' | 'unused';
export interface OptimizerCase {
  name: string;
  optimizer: OptimizerKind;
  options: Record<string, unknown>;
  groups: ({ params: ParamName[] } & Record<string, unknown>)[] | null;
  steps: Record<ParamName, number[]>[];
}
export interface SchedulerCase {
  scheduler: string;
  options: Record<string, unknown>;
  steps: number;
  lr: number[][];
  momentum?: number[][];
  optimizer?: 'Adam';
}
export interface ClipCase { kind: 'norm' | 'value'; maxNorm?: number; normType?: number | 'inf'; clipValue?: number; total?: number; grads: number[][] }

interface Fixtures {
  data: Record<'x' | 'y', FlatTensor>;
  init: Record<ParamName, FlatTensor>;
  optimizers: OptimizerCase[];
  schedulers: SchedulerCase[];
  clip: { grads: FlatTensor[]; cases: ClipCase[] };
}

export const fixtures = fixtureJson as unknown as Fixtures;

export type OptimizerKind = 'SGD' | 'Adam' | 'AdamW' | 'RMSprop';

/** Makes an optimizer of `kind` from options as the fixtures spell them (Neurite's names). */
export function makeOptimizer(kind: OptimizerKind, params: readonly Tensor[] | readonly ParamGroupInput<OptimizerOptions>[], options: Record<string, unknown>): Optimizer {
  // The fixtures' options are checked at run time by the optimizers themselves.
  const loose = options as never;
  const groups = params as never;
  switch (kind) {
    case 'SGD': return new SGD(groups, loose);
    case 'Adam': return new Adam(groups, loose);
    case 'AdamW': return new AdamW(groups, loose);
    case 'RMSprop': return new RMSprop(groups, loose);
  }
}

export type Params = Record<ParamName, Tensor>;

/** Fresh parameters with the fixtures' initial values, on the active backend. */
export function initialParams(): Params {
  const make = (flat: FlatTensor) => {
    const t = fromFlat(flat);
    t.requiresGrad = true;
    return t;
  };
  return { w: make(fixtures.init.w), b: make(fixtures.init.b), unused: make(fixtures.init.unused) };
}

/** mean((tanh(x @ w + b) - y)^2), as the generator writes it; `unused` takes no part. */
export function computeLoss(params: Params): Tensor {
  return tidy(() => {
    const x = fromFlat(fixtures.data.x);
    const y = fromFlat(fixtures.data.y);
    return x.matmul(params.w).add(params.b).tanh().sub(y).square().mean();
  });
}

/** One training step: clear grads, backpropagate the loss, update. */
export function trainStep(optimizer: Optimizer, params: Params): void {
  optimizer.zeroGrad();
  const loss = computeLoss(params);
  loss.backward();
  loss.dispose();
  optimizer.step();
}
