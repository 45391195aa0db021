import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/layers.json';
import { dispose, tidy, type Tensor } from '@neurite/tensor';
import { describeEachBackend, expectTensorClose, fromFixture, fromFixtures, type TensorFixture } from '@neurite/tensor/testing';
import * as nn from './index.js';

/**
 * Layers and losses against PyTorch (tools/fixtures/generate_nn_fixtures.py), forward and backward,
 * on every backend under test: values are read asynchronously only.
 */

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

// The JSON's inferred type (dtype a plain string, each case's own state keys) is looser than the fixture's.
const layerCases = fixtures.layers as unknown as LayerCase[];

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

/** Backpropagates sum(output * gradOutput), so every gradient is PyTorch's for that upstream gradient. */
function backwardWith(output: Tensor, gradOutput: TensorFixture): void {
  tidy(() => output.mul(fromFixture(gradOutput)).sum().backward());
}

describeEachBackend({ describe, beforeAll, afterAll }, 'layers match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of layerCases) {
    it(testCase.name, async () => {
      const layer = (constructors[testCase.construct.type] as (...args: unknown[]) => Layer)(...(testCase.construct.args ?? []));
      if (testCase.name.startsWith('dropout')) layer.eval();
      // loadStateDict takes over (disposes) the tensors it is given.
      layer.loadStateDict(fromFixtures(testCase.state), { strict: true });
      const input = fromFixture(testCase.input);
      if (input.dtype === 'float32') input.requiresGrad = true;
      const output = layer.forward(input);
      await expectTensorClose(output, testCase.output, `${testCase.name} output`);
      backwardWith(output, testCase.gradOutput);
      if (testCase.inputGrad) await expectTensorClose(input.grad!, testCase.inputGrad, `${testCase.name} input gradient`);
      const parameters = Object.fromEntries(layer.namedParameters());
      expect(Object.keys(parameters).sort()).toEqual(Object.keys(testCase.paramGrads).sort());
      for (const [name, expected] of Object.entries(testCase.paramGrads)) {
        await expectTensorClose(parameters[name].grad!, expected, `${testCase.name} gradient of ${name}`);
      }
      dispose([input, output, ...(input.grad ? [input.grad] : [])]);
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

const isFixture = (value: unknown): value is TensorFixture => value !== null && typeof value === 'object' && 'values' in value;

/** The fixture's options with each tensor-valued one (weight, posWeight) made a tensor. */
function lossOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, isFixture(value) ? fromFixture(value) : value]));
}

function loss(testCase: LossCase, input: Tensor, target: Tensor): Tensor {
  const { functional: F } = nn;
  return tidy(() => {
    const { logSoftmaxFirst, ...options } = lossOptions(testCase.options);
    switch (testCase.fn) {
      case 'crossEntropy': return F.crossEntropy(input, target, options);
      case 'nllLoss': return F.nllLoss(logSoftmaxFirst ? input.logSoftmax(1) : input, target, options);
      case 'mseLoss': return F.mseLoss(input, target, options);
      case 'l1Loss': return F.l1Loss(input, target, options);
      case 'binaryCrossEntropy': return F.binaryCrossEntropy(input, target, options);
      case 'binaryCrossEntropyWithLogits': return F.binaryCrossEntropyWithLogits(input, target, options);
      default: throw new Error(`no loss named ${testCase.fn}`);
    }
  });
}

describeEachBackend({ describe, beforeAll, afterAll }, 'losses match PyTorch', () => {
  for (const testCase of fixtures.losses as unknown as LossCase[]) {
    it(testCase.name, async () => {
      const input = fromFixture(testCase.input);
      input.requiresGrad = true;
      const target = fromFixture(testCase.target);
      const output = loss(testCase, input, target);
      await expectTensorClose(output, testCase.output, `${testCase.name} loss`);
      backwardWith(output, testCase.gradOutput);
      await expectTensorClose(input.grad!, testCase.inputGrad, `${testCase.name} gradient`);
      dispose([input, target, output, input.grad!]);
    });
  }
});
