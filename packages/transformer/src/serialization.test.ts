import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, manualSeed, randn, tensor, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import {
  MultiheadAttention, PositionalEncoding, TransformerDecoderLayer, TransformerEncoder, TransformerEncoderLayer, transformerPlugin,
} from './index.js';

/** A model that uses every layer of the plugin, as a user would write it (saveModel needs a describable root). */
class Seq2Seq extends nn.Module<[Tensor, Tensor], Tensor> implements nn.ConfigurableLayer {
  static readonly layerType = 'TestSeq2Seq';
  constructor(
    readonly positions: PositionalEncoding,
    readonly encoder: TransformerEncoder,
    readonly decoder: TransformerDecoderLayer,
    readonly attention: MultiheadAttention,
  ) {
    super();
  }
  forward(src: Tensor, tgt: Tensor): Tensor {
    const memory = this.encoder.forward(this.positions.forward(src), { isCausal: true });
    const decoded = this.decoder.forward(tgt, memory, { tgtIsCausal: true });
    return this.attention.forward(decoded, memory, memory)[0];
  }
  getConfig(): nn.LayerConfig { return {}; }
  static fromConfig(_config: nn.LayerConfig, children: readonly nn.AnyModule[]): Seq2Seq {
    const [positions, encoder, decoder, attention] = children;
    return new Seq2Seq(positions as PositionalEncoding, encoder as TransformerEncoder, decoder as TransformerDecoderLayer, attention as MultiheadAttention);
  }
}

describeEachBackend({ describe, beforeAll, afterAll }, 'saveModel / loadModel with transformerPlugin', () => {
  it('rebuilds every layer with its weights and gives the same outputs', async () => {
    manualSeed(11);
    const template = new TransformerEncoderLayer(8, 2, { dimFeedforward: 12, activation: 'gelu', normFirst: true });
    const model = new Seq2Seq(
      new PositionalEncoding(8, { maxLen: 16, dropout: 0.2 }),
      new TransformerEncoder(template, 2, { norm: new nn.LayerNorm(8) }),
      new TransformerDecoderLayer(8, 4, { dimFeedforward: 10, bias: false }),
      new MultiheadAttention(8, 2, { addBiasKv: true, addZeroAttn: true }),
    );
    template.dispose();
    model.eval();
    // The pe table is a non-persistent buffer: it is rebuilt, not saved.
    expect(Object.keys(model.stateDict()).some((key) => key.includes('pe'))).toBe(false);
    expect(Object.keys(model.stateDict())).toContain('encoder.layers.1.self_attn.in_proj_weight');

    const bytes = await nn.saveModel(model);
    expect(() => nn.loadModel(bytes, { layers: [Seq2Seq] })).toThrow(/unknown layer type 'PositionalEncoding'\. It comes from the plugin '@neurite\/transformer'/);
    const loaded = nn.loadModel(bytes, { plugins: [transformerPlugin], layers: [Seq2Seq] }) as Seq2Seq;
    loaded.eval();
    expect(String(loaded)).toBe(String(model));
    expect(loaded.encoder.layers.length).toBe(2);
    expect(loaded.encoder.layers.at(0).options).toEqual(model.encoder.layers.at(0).options);

    const src = randn([6, 2, 8]);
    const tgt = randn([5, 2, 8]);
    const expected = model.forward(src, tgt);
    const actual = loaded.forward(src, tgt);
    expect(await actual.array()).toEqual(await expected.array());
    dispose([src, tgt, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it('copies the template layer: the encoder layers are independent of it and of each other', async () => {
    manualSeed(12);
    const template = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    const encoder = new TransformerEncoder(template, 3);
    const [first, second] = [encoder.layers.at(0), encoder.layers.at(1)];
    expect(await first.linear1.weight.array()).toEqual(await template.linear1.weight.array());
    first.linear1.weight.assign(first.linear1.weight.mul(2));
    expect(await second.linear1.weight.array()).toEqual(await template.linear1.weight.array());
    expect(encoder.parameters()).not.toContain(template.linear1.weight);
    expect(encoder.namedParameters().length).toBe(3 * template.namedParameters().length);
    template.dispose();
    encoder.dispose();
  });

  it('loads a PyTorch-style state dict saved as safetensors, strictly', async () => {
    manualSeed(13);
    const source = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    const bytes = await nn.saveSafetensors(source.stateDict());
    const target = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    const state = nn.loadSafetensors(bytes);
    target.loadStateDict(state, { strict: true });
    const x = tensor([[[1, 2, 3, 4]], [[0, -1, 0, 1]]]);
    source.eval();
    target.eval();
    expect(await target.forward(x).array()).toEqual(await source.forward(x).array());
    dispose(state);
    source.dispose();
    target.dispose();
  });
});
