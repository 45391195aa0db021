import { tidy, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { PositionalEncoding, TransformerEncoder, TransformerEncoderLayer } from '@neurite/transformer';
import { VOCABULARY } from './tasks.js';

export interface ModelSize {
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  readonly feedforward: number;
  readonly maxLength: number;
}

/**
 * Digit embedding + sinusoidal positions + a Transformer encoder + a linear head: one 10-way
 * prediction per position. Every position sees every other (no causal mask): reversing and sorting
 * need the whole sequence.
 */
export class DigitTransformer extends nn.Module<[Tensor], Tensor> {
  readonly embedding: nn.Embedding;
  readonly positions: PositionalEncoding;
  readonly encoder: TransformerEncoder;
  readonly head: nn.Linear;

  constructor(size: ModelSize) {
    super();
    this.embedding = new nn.Embedding(VOCABULARY, size.dModel);
    // No dropout: the data is unlimited (fresh sequences every step), so there is nothing to overfit.
    this.positions = new PositionalEncoding(size.dModel, { maxLen: size.maxLength, dropout: 0, batchFirst: true });
    // Pre-norm layers with a final norm train steadily at a high learning rate, without warm-up.
    const layer = new TransformerEncoderLayer(size.dModel, size.heads, { dimFeedforward: size.feedforward, dropout: 0, batchFirst: true, normFirst: true });
    this.encoder = new TransformerEncoder(layer, size.layers, { norm: new nn.LayerNorm(size.dModel) });
    layer.dispose(); // only a template: the encoder holds copies
    this.head = new nn.Linear(size.dModel, VOCABULARY);
  }

  /** `[N, L]` int32 digits to `[N, L, 10]` logits. */
  forward(digits: Tensor): Tensor {
    return tidy(() => this.head.forward(this.encoder.forward(this.positions.forward(this.embedding.forward(digits)))));
  }
}
