import { tensor, tidy, type Tensor } from '@neurite/tensor';
import { Dropout, Module, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';

export interface PositionalEncodingOptions {
  /** The longest sequence it can encode (default 5000). */
  readonly maxLen?: number;
  /** Dropout after adding the encoding (default 0.1). */
  readonly dropout?: number;
  /** Input is `[N, L, dModel]` rather than `[L, N, dModel]` (default false, as PyTorch). */
  readonly batchFirst?: boolean;
}

/**
 * The sinusoidal encoding of "Attention Is All You Need" (PyTorch tutorial's `PositionalEncoding`):
 * adds `pe[pos, 2i] = sin(pos / 10000^(2i/dModel))`, `pe[pos, 2i+1] = cos(…)` to the input, then
 * applies dropout.
 *
 * `pe` (`[maxLen, dModel]`) is a NON-persistent buffer: it is a function of dModel and maxLen, so it
 * is rebuilt rather than saved, and state dicts (and saveModel files) stay free of it. (The PyTorch
 * tutorial registers it as persistent; load such a state dict with `{ strict: false }`.)
 */
export class PositionalEncoding extends Module implements ConfigurableLayer {
  static readonly layerType = 'PositionalEncoding';
  static readonly plugin = '@neurite/transformer';

  readonly maxLen: number;
  readonly batchFirst: boolean;
  readonly dropout: Dropout;
  readonly pe: Tensor;

  constructor(readonly dModel: number, options: PositionalEncodingOptions = {}) {
    super();
    this.maxLen = options.maxLen ?? 5000;
    for (const [name, value] of [['dModel', dModel], ['maxLen', this.maxLen]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`PositionalEncoding: ${name} must be a positive integer, got ${value}`);
    }
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = new Dropout(options.dropout ?? 0.1);
    this.pe = this.registerBuffer('pe', sinusoids(this.maxLen, dModel), { persistent: false });
  }

  forward(x: Tensor): Tensor {
    const sequenceAxis = this.batchFirst ? 1 : 0;
    const length = x.shape[sequenceAxis];
    if (x.rank !== 3 || x.shape[2] !== this.dModel) {
      throw new Error(`PositionalEncoding: expected input ${this.batchFirst ? '[N, L, dModel]' : '[L, N, dModel]'} with dModel = ${this.dModel}, got [${x.shape.join(', ')}]`);
    }
    if (length > this.maxLen) throw new Error(`PositionalEncoding: the sequence has ${length} positions, more than maxLen = ${this.maxLen}`);
    return tidy(() => {
      const rows = this.pe.narrow(0, 0, length);
      return this.dropout.forward(x.add(this.batchFirst ? rows : rows.unsqueeze(1)));
    });
  }

  getConfig(): LayerConfig {
    return { dModel: this.dModel, maxLen: this.maxLen, dropout: this.dropout.p, batchFirst: this.batchFirst };
  }

  static fromConfig(config: LayerConfig): PositionalEncoding {
    const { dModel, ...options } = config as unknown as PositionalEncodingOptions & { dModel: number };
    return new PositionalEncoding(dModel, options);
  }

  protected override extraRepr(): string {
    return `d_model=${this.dModel}, max_len=${this.maxLen}${this.batchFirst ? ', batch_first=True' : ''}`;
  }
}

/** The table, computed once in float64 on the host (no readback; it is uploaded like any new tensor). */
function sinusoids(maxLen: number, dModel: number): Tensor {
  const values = new Float32Array(maxLen * dModel);
  for (let i = 0; i < dModel; i += 2) {
    const frequency = Math.exp(-i * (Math.log(10000) / dModel));
    for (let pos = 0; pos < maxLen; pos++) {
      values[pos * dModel + i] = Math.sin(pos * frequency);
      if (i + 1 < dModel) values[pos * dModel + i + 1] = Math.cos(pos * frequency);
    }
  }
  return tensor(values, [maxLen, dModel]);
}
