import { afterAll, beforeAll, describe, it } from 'vitest';
import fixtures from './__fixtures__/torch-state-dicts.json';
import * as nn from '@neurite/nn';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as cnn from './index.js';
import { checkTorchStateDict, type StateDictFixture } from '@neurite/nn/testing';

const build: Record<string, (...args: never[]) => nn.Module<never[], unknown>> = {
  Conv2d: (input: number, output: number, kernel: number, options?: cnn.Conv2dLayerOptions) => new cnn.Conv2d(input, output, kernel, options),
  BatchNorm2d: (features: number) => new cnn.BatchNorm2d(features),
  MnistCnn: () =>
    new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10)),
};

describeEachBackend({ describe, beforeAll, afterAll }, 'PyTorch state dicts of every cnn layer load strictly through safetensors', () => {
  for (const fixture of fixtures.layers as unknown as StateDictFixture[]) {
    it(fixture.name, () => checkTorchStateDict(fixture, build[fixture.construct.type] as (...args: readonly unknown[]) => nn.Module<never[], unknown>));
  }
});
