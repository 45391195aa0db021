import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/cnn.json';
import { tensor, tidy, type DType, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import * as cnn from './index.js';
import { expectClose } from '@neurite/tensor/testing';

/** Convolution, pooling and batch norm against PyTorch (tools/fixtures/generate_cnn_fixtures.py). */

interface TensorFixture { shape: number[]; dtype: DType; values: number[] }
const make = (f: TensorFixture) => tensor(f.values, f.shape, f.dtype);
type Args = Record<string, unknown>;

const ops: Record<string, (inputs: Tensor[], args: Args) => Tensor> = {
  conv2d: ([x, w, b], a) => cnn.conv2d(x, w, b, a as cnn.Conv2dOptions),
  maxPool2d: ([x], a) => cnn.maxPool2d(a.relu ? x.relu() : x, a.kernel as number, a as cnn.PoolOptions),
  avgPool2d: ([x], a) => cnn.avgPool2d(x, a.kernel as number, a as cnn.AvgPoolOptions),
  adaptiveAvgPool2d: ([x], a) => cnn.adaptiveAvgPool2d(x, a.outputSize as number),
};

describe('cnn ops match PyTorch, forward and backward', () => {
  for (const testCase of fixtures.ops) {
    it(testCase.name, () => {
      const inputs = testCase.inputs.map((f) => make(f as TensorFixture));
      for (const x of inputs) x.requiresGrad = true;
      const output = tidy(() => ops[testCase.op](inputs, testCase.args as Args));
      expect(output.shape).toEqual(testCase.output.shape);
      expectClose(output.dataSync(), testCase.output.values, `${testCase.name} output`, 1e-4, 1e-4);
      tidy(() => output.mul(make(testCase.gradOutput as TensorFixture)).sum().backward());
      testCase.grads.forEach((expected, k) => {
        if (expected) expectClose(inputs[k].grad!.dataSync(), expected.values, `${testCase.name} gradient ${k}`, 1e-4, 1e-4);
      });
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

describe('cnn layers match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of fixtures.layers as unknown as LayerCase[]) {
    it(testCase.name, () => {
      const layer = (constructors[testCase.construct.type] as (...args: unknown[]) => nn.Module<[Tensor], Tensor>)(...(testCase.construct.args ?? []));
      layer.train(testCase.train);
      layer.loadStateDict(Object.fromEntries(Object.entries(testCase.stateBefore).map(([k, v]) => [k, make(v)])), { strict: true });
      for (const [index, step] of testCase.steps.entries()) {
        layer.zeroGrad();
        const input = make(step.input);
        input.requiresGrad = true;
        const output = layer.forward(input);
        expectClose(output.dataSync(), step.output.values, `${testCase.name} step ${index} output`, 1e-4, 1e-4);
        tidy(() => output.mul(make(step.gradOutput)).sum().backward());
        expectClose(input.grad!.dataSync(), step.inputGrad.values, `${testCase.name} step ${index} input gradient`, 1e-4, 1e-4);
        const parameters = Object.fromEntries(layer.namedParameters());
        for (const [name, expected] of Object.entries(step.paramGrads)) {
          expectClose(parameters[name].grad!.dataSync(), expected.values, `${testCase.name} step ${index} gradient of ${name}`, 1e-4, 1e-4);
        }
      }
      const state = layer.stateDict();
      for (const [name, expected] of Object.entries(testCase.stateAfter)) {
        expectClose(state[name].dataSync(), expected.values, `${testCase.name} ${name} after training`, 1e-5, 1e-4);
      }
    });
  }
});
