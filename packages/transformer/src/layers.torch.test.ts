import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, tidy, type Tensor } from '@neurite/tensor';
import { LayerNorm, type AnyModule } from '@neurite/nn';
import fixtures from './__fixtures__/transformer.json';
import { describeEachBackend, expectTensorClose, fromFixture, fromFixtures, type TensorFixture } from '@neurite/tensor/testing';
import {
  MultiheadAttention, TransformerDecoderLayer, TransformerEncoder, TransformerEncoderLayer,
  type MultiheadAttentionOptions, type TransformerLayerOptions,
} from './index.js';

/**
 * Every layer against PyTorch 1.13 (tools/fixtures/generate_transformer_fixtures.py): PyTorch's
 * state dict is loaded strictly, which proves the keys and layouts are PyTorch's, then the outputs
 * and the gradients of a random projection of them (inputs and every parameter) must agree, on every
 * backend under test.
 */

interface ModuleCase {
  name: string;
  construct: { type: string; args: unknown[] };
  forwardArgs: string[];
  flags: Record<string, boolean>;
  masks: Record<string, TensorFixture>;
  state: Record<string, TensorFixture>;
  inputs: Record<string, TensorFixture>;
  outputs: (TensorFixture | null)[];
  gradOutputs: TensorFixture[];
  inputGrads: Record<string, TensorFixture>;
  paramGrads: Record<string, TensorFixture>;
}

type Forward = (inputs: Tensor[], options: Record<string, unknown>) => (Tensor | null)[];

/** Builds the module the case describes and a uniform way to call it. */
function build(construct: ModuleCase['construct']): { module: AnyModule; forward: Forward } {
  const [a, b, c] = construct.args;
  switch (construct.type) {
    case 'MultiheadAttention': {
      const m = new MultiheadAttention(a as number, b as number, c as MultiheadAttentionOptions);
      return { module: m, forward: ([q, k, v], o) => m.forward(q, k, v, o) };
    }
    case 'TransformerEncoderLayer': {
      const m = new TransformerEncoderLayer(a as number, b as number, c as TransformerLayerOptions);
      return { module: m, forward: ([src], o) => [m.forward(src, o)] };
    }
    case 'TransformerDecoderLayer': {
      const m = new TransformerDecoderLayer(a as number, b as number, c as TransformerLayerOptions);
      return { module: m, forward: ([tgt, memory], o) => [m.forward(tgt, memory, o)] };
    }
    case 'TransformerEncoder': {
      const template = new TransformerEncoderLayer(8, 2, b as TransformerLayerOptions);
      const m = new TransformerEncoder(template, a as number, { norm: new LayerNorm(8) });
      template.dispose();
      return { module: m, forward: ([src], o) => [m.forward(src, o)] };
    }
    default:
      throw new Error(`no module type ${construct.type}`);
  }
}

describeEachBackend({ describe, beforeAll, afterAll }, 'transformer layers match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of fixtures.modules as unknown as ModuleCase[]) {
    it(testCase.name, async () => {
      const { module, forward } = build(testCase.construct);
      module.eval();
      const state = fromFixtures(testCase.state);
      module.loadStateDict(state, { strict: true });
      dispose(state);
      expect(Object.keys(module.stateDict()).sort()).toEqual(Object.keys(testCase.state).sort());

      const inputs = fromFixtures(testCase.inputs);
      for (const input of Object.values(inputs)) if (input.dtype === 'float32') input.requiresGrad = true;
      const masks = fromFixtures(testCase.masks);
      const outputs = forward(testCase.forwardArgs.map((name) => inputs[name]), { ...masks, ...testCase.flags });

      expect(outputs.map((o) => o === null)).toEqual(testCase.outputs.map((o) => o === null));
      for (const [i, expected] of testCase.outputs.entries()) {
        if (expected) await expectTensorClose(outputs[i]!, expected, `${testCase.name}: output ${i}`);
      }
      tidy(() => {
        const present = outputs.filter((o): o is Tensor => o !== null);
        const projections = present.map((o, i) => o.mul(fromFixture(testCase.gradOutputs[i])).sum());
        projections.reduce((total, p) => total.add(p)).backward();
      });
      for (const [name, expected] of Object.entries(testCase.inputGrads)) {
        await expectTensorClose(inputs[name].grad!, expected, `${testCase.name}: gradient of input ${name}`);
      }
      const parameters = Object.fromEntries(module.namedParameters());
      expect(Object.keys(parameters).sort()).toEqual(Object.keys(testCase.paramGrads).sort());
      for (const [name, expected] of Object.entries(testCase.paramGrads)) {
        await expectTensorClose(parameters[name].grad!, expected, `${testCase.name}: gradient of ${name}`);
      }
      for (const input of Object.values(inputs)) input.grad?.dispose();
      dispose([...Object.values(inputs), ...Object.values(masks), ...outputs.filter((o): o is Tensor => o !== null)]);
      module.dispose();
    });
  }
});
