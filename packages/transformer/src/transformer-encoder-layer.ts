import { tidy, type Tensor } from '@neurite/tensor';
import { Dropout, LayerNorm, Linear, Module, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';
import { MultiheadAttention } from './multihead-attention.js';
import { feedForward, resolveLayerOptions, type ResolvedLayerOptions, type TransformerLayerOptions } from './layer-options.js';

export interface TransformerEncoderLayerForwardOptions {
  /** `[L, L]` or `[N·nhead, L, L]`; boolean true = not allowed to attend, or float added to the scores. */
  readonly srcMask?: Tensor | null;
  /** `[N, L]`; boolean true = padding, ignored. */
  readonly srcKeyPaddingMask?: Tensor | null;
  /** Causal self-attention (a hint that srcMask is causal when one is given, as PyTorch). */
  readonly isCausal?: boolean;
}

/**
 * PyTorch's `nn.TransformerEncoderLayer`: self-attention and a feed-forward block, each with a
 * residual connection and a LayerNorm (after the sum, or before the block with normFirst).
 * State-dict keys: `self_attn.*`, `linear1.*`, `linear2.*`, `norm1.*`, `norm2.*`.
 */
export class TransformerEncoderLayer extends Module<[Tensor, TransformerEncoderLayerForwardOptions?], Tensor> implements ConfigurableLayer {
  static readonly layerType = 'TransformerEncoderLayer';
  static readonly plugin = '@neurite/transformer';

  // Declared in PyTorch's registration order, which is the order of namedChildren() and the state dict.
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly options: ResolvedLayerOptions;

  constructor(readonly dModel: number, readonly nhead: number, options: TransformerLayerOptions = {}) {
    super();
    const o = resolveLayerOptions('TransformerEncoderLayer', dModel, nhead, options);
    this.options = o;
    this.selfAttn = this.registerModule('self_attn', new MultiheadAttention(dModel, nhead, { dropout: o.dropout, bias: o.bias, batchFirst: o.batchFirst }));
    this.linear1 = new Linear(dModel, o.dimFeedforward, { bias: o.bias });
    this.dropout = new Dropout(o.dropout);
    this.linear2 = new Linear(o.dimFeedforward, dModel, { bias: o.bias });
    this.norm1 = new LayerNorm(dModel, { eps: o.layerNormEps, bias: o.bias });
    this.norm2 = new LayerNorm(dModel, { eps: o.layerNormEps, bias: o.bias });
    this.dropout1 = new Dropout(o.dropout);
    this.dropout2 = new Dropout(o.dropout);
  }

  forward(src: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    const selfAttention = (x: Tensor) => this.dropout1.forward(
      this.selfAttn.forward(x, x, x, { attnMask: options.srcMask, keyPaddingMask: options.srcKeyPaddingMask, isCausal: options.isCausal, needWeights: false })[0],
    );
    const block = (x: Tensor) => this.dropout2.forward(feedForward(this, x, this.options.activation));
    return tidy(() => {
      if (this.options.normFirst) {
        const x = src.add(selfAttention(this.norm1.forward(src)));
        return x.add(block(this.norm2.forward(x)));
      }
      const x = this.norm1.forward(src.add(selfAttention(src)));
      return this.norm2.forward(x.add(block(x)));
    });
  }

  getConfig(): LayerConfig {
    return { dModel: this.dModel, nhead: this.nhead, ...this.options };
  }

  static fromConfig(config: LayerConfig): TransformerEncoderLayer {
    const { dModel, nhead, ...options } = config as unknown as TransformerLayerOptions & { dModel: number; nhead: number };
    return new TransformerEncoderLayer(dModel, nhead, options);
  }
}
