import { afterAll, beforeAll, describe, it } from 'vitest';
import fixtures from './__fixtures__/torch-state-dicts.json';
import * as nn from '@neurite/nn';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as transformer from './index.js';
import { checkTorchStateDict, type StateDictFixture } from '@neurite/nn/testing';

const build: Record<string, (...args: never[]) => nn.Module<never[], unknown>> = {
  MultiheadAttention: (embedDim: number, heads: number, options?: transformer.MultiheadAttentionOptions) => new transformer.MultiheadAttention(embedDim, heads, options),
  TransformerEncoderLayer: (model: number, heads: number, options?: transformer.TransformerLayerOptions) => new transformer.TransformerEncoderLayer(model, heads, options),
  TransformerDecoderLayer: (model: number, heads: number, options?: transformer.TransformerLayerOptions) => new transformer.TransformerDecoderLayer(model, heads, options),
};

describeEachBackend({ describe, beforeAll, afterAll }, 'PyTorch state dicts of every transformer layer load strictly through safetensors', () => {
  for (const fixture of fixtures.layers as unknown as StateDictFixture[]) {
    it(fixture.name, () => checkTorchStateDict(fixture, build[fixture.construct.type] as (...args: readonly unknown[]) => nn.Module<never[], unknown>));
  }
});
