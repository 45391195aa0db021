import { tidy, type Tensor } from '@neurite/tensor';
import { Dropout, LayerNorm, Linear, Module, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';
import { MultiheadAttention } from './multihead-attention.js';
import { feedForward, resolveLayerOptions, type ResolvedLayerOptions, type TransformerLayerOptions } from './layer-options.js';

export interface TransformerDecoderLayerForwardOptions {
  /** `[T, T]` or `[N·nhead, T, T]` on the target's self-attention; boolean true = not allowed. */
  readonly tgtMask?: Tensor | null;
  /** `[T, S]` or `[N·nhead, T, S]` on the attention to the memory. */
  readonly memoryMask?: Tensor | null;
  /** `[N, T]`; boolean true = padding. */
  readonly tgtKeyPaddingMask?: Tensor | null;
  /** `[N, S]`; boolean true = padding. */
  readonly memoryKeyPaddingMask?: Tensor | null;
  /** Causal self-attention over the target (a hint that tgtMask is causal when one is given). */
  readonly tgtIsCausal?: boolean;
  /** Causal attention to the memory (rarely wanted; a hint when memoryMask is given). */
  readonly memoryIsCausal?: boolean;
}

/**
 * PyTorch's `nn.TransformerDecoderLayer`: self-attention over the target, attention to the encoder's
 * output (`memory`) and a feed-forward block, each with a residual connection and a LayerNorm.
 * State-dict keys: `self_attn.*`, `multihead_attn.*`, `linear1.*`, `linear2.*`, `norm1.*` … `norm3.*`.
 */
export class TransformerDecoderLayer extends Module<[Tensor, Tensor, TransformerDecoderLayerForwardOptions?], Tensor> implements ConfigurableLayer {
  static readonly layerType = 'TransformerDecoderLayer';
  static readonly plugin = '@neurite/transformer';

  // Declared in PyTorch's registration order, which is the order of namedChildren() and the state dict.
  readonly selfAttn: MultiheadAttention;
  readonly multiheadAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;
  readonly options: ResolvedLayerOptions;

  constructor(readonly dModel: number, readonly nhead: number, options: TransformerLayerOptions = {}) {
    super();
    const o = resolveLayerOptions('TransformerDecoderLayer', dModel, nhead, options);
    this.options = o;
    const attention = () => new MultiheadAttention(dModel, nhead, { dropout: o.dropout, bias: o.bias, batchFirst: o.batchFirst });
    this.selfAttn = this.registerModule('self_attn', attention());
    this.multiheadAttn = this.registerModule('multihead_attn', attention());
    this.linear1 = new Linear(dModel, o.dimFeedforward, { bias: o.bias });
    this.dropout = new Dropout(o.dropout);
    this.linear2 = new Linear(o.dimFeedforward, dModel, { bias: o.bias });
    this.norm1 = new LayerNorm(dModel, { eps: o.layerNormEps, bias: o.bias });
    this.norm2 = new LayerNorm(dModel, { eps: o.layerNormEps, bias: o.bias });
    this.norm3 = new LayerNorm(dModel, { eps: o.layerNormEps, bias: o.bias });
    this.dropout1 = new Dropout(o.dropout);
    this.dropout2 = new Dropout(o.dropout);
    this.dropout3 = new Dropout(o.dropout);
  }

  forward(tgt: Tensor, memory: Tensor, options: TransformerDecoderLayerForwardOptions = {}): Tensor {
    const selfAttention = (x: Tensor) => this.dropout1.forward(
      this.selfAttn.forward(x, x, x, { attnMask: options.tgtMask, keyPaddingMask: options.tgtKeyPaddingMask, isCausal: options.tgtIsCausal, needWeights: false })[0],
    );
    const crossAttention = (x: Tensor) => this.dropout2.forward(
      this.multiheadAttn.forward(x, memory, memory, { attnMask: options.memoryMask, keyPaddingMask: options.memoryKeyPaddingMask, isCausal: options.memoryIsCausal, needWeights: false })[0],
    );
    const block = (x: Tensor) => this.dropout3.forward(feedForward(this, x, this.options.activation));
    return tidy(() => {
      if (this.options.normFirst) {
        let x = tgt.add(selfAttention(this.norm1.forward(tgt)));
        x = x.add(crossAttention(this.norm2.forward(x)));
        return x.add(block(this.norm3.forward(x)));
      }
      let x = this.norm1.forward(tgt.add(selfAttention(tgt)));
      x = this.norm2.forward(x.add(crossAttention(x)));
      return this.norm3.forward(x.add(block(x)));
    });
  }

  getConfig(): LayerConfig {
    return { dModel: this.dModel, nhead: this.nhead, ...this.options };
  }

  static fromConfig(config: LayerConfig): TransformerDecoderLayer {
    const { dModel, nhead, ...options } = config as unknown as TransformerLayerOptions & { dModel: number; nhead: number };
    return new TransformerDecoderLayer(dModel, nhead, options);
  }
}
