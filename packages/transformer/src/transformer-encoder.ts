import { tidy, type Tensor } from '@neurite/tensor';
import { Module, ModuleList, type AnyModule, type ConfigurableLayer, type LayerConfig, type TensorModule } from '@neurite/nn';
import { TransformerEncoderLayer } from './transformer-encoder-layer.js';

export interface TransformerEncoderOptions {
  /** Applied to the last layer's output, usually a LayerNorm (PyTorch's `norm`; default none). */
  readonly norm?: TensorModule | null;
}

export interface TransformerEncoderForwardOptions {
  /** Passed to every layer as its srcMask: `[L, L]` or `[N·nhead, L, L]`, boolean true = not allowed. */
  readonly mask?: Tensor | null;
  /** `[N, L]`; boolean true = padding. */
  readonly srcKeyPaddingMask?: Tensor | null;
  /** Causal self-attention in every layer. */
  readonly isCausal?: boolean;
}

/**
 * PyTorch's `nn.TransformerEncoder`: `numLayers` independent copies of `encoderLayer` (children
 * `layers.0`, `layers.1`, …, keys such as `layers.0.self_attn.in_proj_weight`) and an optional final
 * `norm`. The layer given is only a template: its weights are copied, it is not part of the encoder
 * (dispose it when done).
 */
export class TransformerEncoder extends Module<[Tensor, TransformerEncoderForwardOptions?], Tensor> implements ConfigurableLayer {
  static readonly layerType = 'TransformerEncoder';
  static readonly plugin = '@neurite/transformer';
  /** Set by fromLayers for the duration of one constructor call: the layers to adopt instead of copying. */
  static #adopting: readonly TransformerEncoderLayer[] | null = null;

  readonly layers: ModuleList<TransformerEncoderLayer>;
  readonly norm: TensorModule | null;

  constructor(encoderLayer: TransformerEncoderLayer, readonly numLayers: number, options: TransformerEncoderOptions = {}) {
    super();
    if (!(encoderLayer instanceof TransformerEncoderLayer)) throw new Error('TransformerEncoder: encoderLayer must be a TransformerEncoderLayer');
    if (!Number.isInteger(numLayers) || numLayers <= 0) throw new Error(`TransformerEncoder: numLayers must be a positive integer, got ${numLayers}`);
    const adopted = TransformerEncoder.#adopting;
    TransformerEncoder.#adopting = null;
    this.layers = new ModuleList(adopted ? [...adopted] : Array.from({ length: numLayers }, () => copyLayer(encoderLayer)));
    this.norm = options.norm ?? null;
  }

  /** An encoder made of these layers as they are (no copies): how loadModel rebuilds a saved one. */
  static fromLayers(layers: readonly TransformerEncoderLayer[], options: TransformerEncoderOptions = {}): TransformerEncoder {
    if (layers.length === 0) throw new Error('TransformerEncoder.fromLayers: needs at least one layer');
    TransformerEncoder.#adopting = layers;
    try {
      return new TransformerEncoder(layers[0], layers.length, options);
    } finally {
      TransformerEncoder.#adopting = null;
    }
  }

  forward(src: Tensor, options: TransformerEncoderForwardOptions = {}): Tensor {
    const layerOptions = { srcMask: options.mask, srcKeyPaddingMask: options.srcKeyPaddingMask, isCausal: options.isCausal };
    return tidy(() => {
      let output = src;
      for (const layer of this.layers) output = layer.forward(output, layerOptions);
      return this.norm ? this.norm.forward(output) : output;
    });
  }

  getConfig(): LayerConfig {
    return { numLayers: this.numLayers };
  }

  /** The saved children are the `layers` list and, if there was one, the `norm`. */
  static fromConfig(_config: LayerConfig, children: readonly AnyModule[]): TransformerEncoder {
    const [list, norm] = children;
    const layers = list?.children() ?? [];
    if (layers.length === 0 || !layers.every((layer) => layer instanceof TransformerEncoderLayer)) {
      throw new Error('TransformerEncoder.fromConfig: expected a list of TransformerEncoderLayer children');
    }
    return TransformerEncoder.fromLayers(layers as TransformerEncoderLayer[], { norm: (norm as TensorModule | undefined) ?? null });
  }
}

/** A deep copy through the public API: same configuration, same weights, same mode. */
function copyLayer(layer: TransformerEncoderLayer): TransformerEncoderLayer {
  const copy = TransformerEncoderLayer.fromConfig(layer.getConfig());
  // Tensors are immutable and assign() swaps a parameter's buffer, so sharing the values is a copy:
  // an optimizer step on one layer never changes another.
  copy.loadStateDict(layer.stateDict(), { strict: true });
  return copy.train(layer.training);
}
