import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/torch-state-dicts.json';
import * as nn from '@neurite/nn';
import * as transformer from './index.js';
import { expectClose } from './testing/fixtures.js';
import { fixtureInputs, flattenOutputs, loadTorchStateDict, type StateDictFixture } from '@neurite/nn/testing';

const build: Record<string, (...args: never[]) => nn.Module<never[], unknown>> = {
  MultiheadAttention: (embedDim: number, heads: number, options?: transformer.MultiheadAttentionOptions) => new transformer.MultiheadAttention(embedDim, heads, options),
  TransformerEncoderLayer: (model: number, heads: number, options?: transformer.TransformerLayerOptions) => new transformer.TransformerEncoderLayer(model, heads, options),
  TransformerDecoderLayer: (model: number, heads: number, options?: transformer.TransformerLayerOptions) => new transformer.TransformerDecoderLayer(model, heads, options),
};

describe('PyTorch state dicts of every transformer layer load strictly through safetensors', () => {
  for (const fixture of fixtures.layers as unknown as StateDictFixture[]) {
    it(fixture.name, async () => {
      const layer = (build[fixture.construct.type] as (...args: unknown[]) => nn.Module<never[], unknown>)(...(fixture.construct.args ?? []));
      loadTorchStateDict(layer, fixture);
      layer.eval();
      const outputs = flattenOutputs((layer.forward as (...xs: unknown[]) => unknown)(...fixtureInputs(fixture)));
      expect(outputs.map((o) => o.shape)).toEqual(fixture.outputs.map((o) => o.shape));
      for (const [i, o] of outputs.entries()) await expectClose(o, { ...fixture.outputs[i], dtype: 'float32' }, `${fixture.name} output ${i}`, 1e-4, 1e-4);
    });
  }
});
