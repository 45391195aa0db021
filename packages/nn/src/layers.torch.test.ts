import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/layers.json';
import { tensor, tidy, type DType, type Tensor } from '@neurite/tensor';
import * as nn from './index.js';
import { expectClose } from '@neurite/tensor/testing';

/** Layers and losses against PyTorch (tools/fixtures/generate_nn_fixtures.py), forward and backward. */

interface TensorFixture { shape: number[]; dtype: DType; values: number[] }
const make = (f: TensorFixture) => tensor(f.values, f.shape, f.dtype);

interface LayerCase {
  name: string;
  construct: { type: string; args?: unknown[] };
  state: Record<string, TensorFixture>;
  input: TensorFixture;
  output: TensorFixture;
  gradOutput: TensorFixture;
  inputGrad: TensorFixture | null;
  paramGrads: Record<string, TensorFixture>;
}

type Layer = nn.Module<[Tensor], Tensor>;
const constructors: Record<string, (...args: never[]) => Layer> = {
  Linear: (inFeatures: number, outFeatures: number, options?: nn.LinearOptions) => new nn.Linear(inFeatures, outFeatures, options),
  LayerNorm: (shape: number | number[], options?: nn.LayerNormOptions) => new nn.LayerNorm(shape, options),
  Embedding: (count: number, dim: number, options?: nn.EmbeddingOptions) => new nn.Embedding(count, dim, options),
  SiLU: () => new nn.SiLU(),
  Tanh: () => new nn.Tanh(),
  Sigmoid: () => new nn.Sigmoid(),
  LeakyReLU: (slope: number) => new nn.LeakyReLU(slope),
  GELU: (options: { approximate?: 'none' | 'tanh' }) => new nn.GELU(options),
  Softmax: (dim: number) => new nn.Softmax(dim),
  LogSoftmax: (dim: number) => new nn.LogSoftmax(dim),
  Flatten: () => new nn.Flatten(),
  Dropout: (p: number) => new nn.Dropout(p),
  // The same architecture as the PyTorch Sequential, so its state dict keys ('0.weight', …) match.
  MLP: () => new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 8), new nn.GELU(), new nn.Linear(8, 3)),
};

describe('layers match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of fixtures.layers as LayerCase[]) {
    it(testCase.name, () => {
      const layer = (constructors[testCase.construct.type] as (...args: unknown[]) => Layer)(...(testCase.construct.args ?? []));
      if (testCase.name.startsWith('dropout')) layer.eval();
      const state = Object.fromEntries(Object.entries(testCase.state).map(([k, v]) => [k, make(v)]));
      layer.loadStateDict(state, { strict: true });
      const input = make(testCase.input);
      if (input.dtype === 'float32') input.requiresGrad = true;
      const output = layer.forward(input);
      expect(output.shape).toEqual(testCase.output.shape);
      expectClose(output.dataSync(), testCase.output.values, `${testCase.name} output`);
      tidy(() => output.mul(make(testCase.gradOutput)).sum().backward());
      if (testCase.inputGrad) expectClose(input.grad!.dataSync(), testCase.inputGrad.values, `${testCase.name} input gradient`);
      const parameters = Object.fromEntries(layer.namedParameters());
      expect(Object.keys(parameters).sort()).toEqual(Object.keys(testCase.paramGrads).sort());
      for (const [name, expected] of Object.entries(testCase.paramGrads)) {
        expectClose(parameters[name].grad!.dataSync(), expected.values, `${testCase.name} gradient of ${name}`);
      }
      layer.dispose();
    });
  }
});

interface LossCase {
  name: string;
  fn: string;
  options: Record<string, unknown>;
  input: TensorFixture;
  target: TensorFixture;
  output: TensorFixture;
  gradOutput: TensorFixture;
  inputGrad: TensorFixture;
}

function lossOptions(options: Record<string, unknown>) {
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    converted[key] = value !== null && typeof value === 'object' && 'values' in (value as object) ? make(value as TensorFixture) : value;
  }
  return converted;
}

describe('losses match PyTorch', () => {
  const { functional: F } = nn;
  for (const testCase of fixtures.losses as LossCase[]) {
    it(testCase.name, () => {
      const input = make(testCase.input);
      input.requiresGrad = true;
      const target = make(testCase.target);
      const options = lossOptions(testCase.options);
      const { logSoftmaxFirst, ...rest } = options;
      const output = tidy(() => {
        switch (testCase.fn) {
          case 'crossEntropy': return F.crossEntropy(input, target, rest);
          case 'nllLoss': return F.nllLoss(logSoftmaxFirst ? input.logSoftmax(1) : input, target, rest);
          case 'mseLoss': return F.mseLoss(input, target, rest);
          case 'l1Loss': return F.l1Loss(input, target, rest);
          case 'binaryCrossEntropy': return F.binaryCrossEntropy(input, target, rest);
          case 'binaryCrossEntropyWithLogits': return F.binaryCrossEntropyWithLogits(input, target, rest);
          default: throw new Error(`no loss named ${testCase.fn}`);
        }
      });
      expect(output.shape).toEqual(testCase.output.shape);
      expectClose(output.dataSync(), testCase.output.values, `${testCase.name} loss`);
      tidy(() => output.mul(make(testCase.gradOutput)).sum().backward());
      expectClose(input.grad!.dataSync(), testCase.inputGrad.values, `${testCase.name} gradient`);
    });
  }
});
