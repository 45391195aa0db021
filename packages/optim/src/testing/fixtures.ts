import { Tensor, tensor, tidy } from '@neurite/tensor';
import fixtureJson from '../__fixtures__/optim.json';
import { Adam } from '../adam.js';
import { AdamW } from '../adamw.js';
import type { Optimizer, OptimizerOptions, ParamGroupInput } from '../optimizer.js';
import { RMSprop } from '../rmsprop.js';
import { SGD } from '../sgd.js';

/** Test helpers: the PyTorch fixtures (fixtures/generate_optim_fixtures.py) and the loss they use. */

export interface FlatTensor { shape: number[]; values: number[] }
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

/** Fresh parameters with the fixtures' initial values. */
export function initialParams(): Params {
  const make = ({ shape, values }: FlatTensor) => {
    const t = tensor(Float32Array.from(values), shape);
    t.requiresGrad = true;
    return t;
  };
  return { w: make(fixtures.init.w), b: make(fixtures.init.b), unused: make(fixtures.init.unused) };
}

/** mean((tanh(x @ w + b) - y)^2), as the generator writes it; `unused` takes no part. */
export function computeLoss(params: Params): Tensor {
  return tidy(() => {
    const x = tensor(Float32Array.from(fixtures.data.x.values), fixtures.data.x.shape);
    const y = tensor(Float32Array.from(fixtures.data.y.values), fixtures.data.y.shape);
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

/** Fails with the first element that differs by more than atol + rtol * |expected|. */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string, atol = 1e-6, rtol = 1e-5): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(actual[i] - expected[i]);
    if (!(difference <= atol + rtol * Math.abs(expected[i]))) {
      throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (difference ${difference})`);
    }
  }
}
