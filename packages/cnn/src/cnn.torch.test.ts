import { afterAll, beforeAll, describe, it } from 'vitest';
import fixtures from './__fixtures__/cnn.json';
import { tidy, type Tensor } from '@neurite/tensor';
import { describeEachBackend, expectTensorClose, fromFixture, type TensorFixture } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import * as cnn from './index.js';

/** Convolution, pooling and batch norm against PyTorch (tools/fixtures/generate_cnn_fixtures.py), on every backend under test. */

type Args = Record<string, unknown>;

interface OpCase {
  name: string;
  op: string;
  args: Args;
  inputs: TensorFixture[];
  output: TensorFixture;
  gradOutput: TensorFixture;
  grads: (TensorFixture | null)[];
}

const ops: Record<string, (inputs: Tensor[], args: Args) => Tensor> = {
  conv2d: ([x, w, b], a) => cnn.conv2d(x, w, b, a as cnn.Conv2dOptions),
  maxPool2d: ([x], a) => cnn.maxPool2d(a.relu ? x.relu() : x, a.kernel as number, a as cnn.PoolOptions),
  avgPool2d: ([x], a) => cnn.avgPool2d(x, a.kernel as number, a as cnn.AvgPoolOptions),
  adaptiveAvgPool2d: ([x], a) => cnn.adaptiveAvgPool2d(x, a.outputSize as number),
};

describeEachBackend({ describe, beforeAll, afterAll }, 'cnn ops match PyTorch, forward and backward', () => {
  for (const testCase of fixtures.ops as unknown as OpCase[]) {
    it(testCase.name, async () => {
      const inputs = testCase.inputs.map(fromFixture);
      for (const x of inputs) x.requiresGrad = true;
      const output = tidy(() => ops[testCase.op](inputs, testCase.args));
      await expectTensorClose(output, testCase.output, `${testCase.name} output`, 1e-4, 1e-4);
      tidy(() => output.mul(fromFixture(testCase.gradOutput)).sum().backward());
      for (const [k, expected] of testCase.grads.entries()) {
        if (expected) await expectTensorClose(inputs[k].grad!, expected, `${testCase.name} gradient ${k}`, 1e-4, 1e-4);
      }
    });
  }
});

const constructors: Record<string, (...args: never[]) => nn.Module> = {
  BatchNorm2d: (features: number, options?: cnn.BatchNorm2dOptions) => new cnn.BatchNorm2d(features, options),
  Conv2d: (input: number, output: number, kernel: number, options?: cnn.Conv2dLayerOptions) => new cnn.Conv2d(input, output, kernel, options),
  MnistCnn: () =>
    new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10)),
};

interface LayerCase {
  name: string;
  construct: { type: string; args?: unknown[] };
  train: boolean;
  stateBefore: Record<string, TensorFixture>;
  stateAfter: Record<string, TensorFixture>;
  steps: { input: TensorFixture; output: TensorFixture; gradOutput: TensorFixture; inputGrad: TensorFixture; paramGrads: Record<string, TensorFixture> }[];
}

describeEachBackend({ describe, beforeAll, afterAll }, 'cnn layers match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of fixtures.layers as unknown as LayerCase[]) {
    it(testCase.name, async () => {
      const layer = (constructors[testCase.construct.type] as (...args: unknown[]) => nn.Module<[Tensor], Tensor>)(...(testCase.construct.args ?? []));
      layer.train(testCase.train);
      layer.loadStateDict(Object.fromEntries(Object.entries(testCase.stateBefore).map(([k, v]) => [k, fromFixture(v)])), { strict: true });
      for (const [index, step] of testCase.steps.entries()) {
        layer.zeroGrad();
        const input = fromFixture(step.input);
        input.requiresGrad = true;
        const output = layer.forward(input);
        await expectTensorClose(output, step.output, `${testCase.name} step ${index} output`, 1e-4, 1e-4);
        tidy(() => output.mul(fromFixture(step.gradOutput)).sum().backward());
        await expectTensorClose(input.grad!, step.inputGrad, `${testCase.name} step ${index} input gradient`, 1e-4, 1e-4);
        const parameters = Object.fromEntries(layer.namedParameters());
        for (const [name, expected] of Object.entries(step.paramGrads)) {
          await expectTensorClose(parameters[name].grad!, expected, `${testCase.name} step ${index} gradient of ${name}`, 1e-4, 1e-4);
        }
      }
      const state = layer.stateDict();
      for (const [name, expected] of Object.entries(testCase.stateAfter)) {
        await expectTensorClose(state[name], expected, `${testCase.name} ${name} after training`, 1e-5, 1e-4);
      }
    });
  }
});
