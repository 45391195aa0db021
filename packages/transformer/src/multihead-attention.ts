import { zeros, type Tensor } from '@neurite/tensor';
import { Linear, Module, Parameter, init, type ConfigurableLayer, type LayerConfig } from '@neurite/nn';
import { multiHeadAttentionForward, type MultiheadAttentionForwardOptions } from './attention/multi-head-attention-forward.js';

export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights in training (default 0). */
  readonly dropout?: number;
  /** Biases on the in- and out-projections (default true). */
  readonly bias?: boolean;
  /** Learnt key and value rows appended to every sequence (`bias_k`, `bias_v`; default false). */
  readonly addBiasKv?: boolean;
  /** A zero key and value appended to every sequence (default false). */
  readonly addZeroAttn?: boolean;
  /** Width of the key input (default embedDim). */
  readonly kdim?: number;
  /** Width of the value input (default embedDim). */
  readonly vdim?: number;
  /** Inputs and output are `[N, L, E]` rather than `[L, N, E]` (default false, as PyTorch). */
  readonly batchFirst?: boolean;
}

/**
 * PyTorch's `nn.MultiheadAttention`, with its parameters and state-dict keys: `in_proj_weight`
 * `[3E, E]` and `in_proj_bias` `[3E]` when key and value have width E, else `q_proj_weight`,
 * `k_proj_weight`, `v_proj_weight`; `out_proj.weight`, `out_proj.bias`; `bias_k`, `bias_v`.
 *
 * `forward(query, key, value, { attnMask, keyPaddingMask, needWeights, averageAttnWeights, isCausal })`
 * returns `[output, weights | null]`.
 */
export class MultiheadAttention
  extends Module<[Tensor, Tensor, Tensor, MultiheadAttentionForwardOptions?], [Tensor, Tensor | null]>
  implements ConfigurableLayer {
  static readonly layerType = 'MultiheadAttention';
  static readonly plugin = '@neurite/transformer';

  readonly kdim: number;
  readonly vdim: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly addZeroAttn: boolean;
  readonly inProjWeight: Parameter | null;
  readonly qProjWeight: Parameter | null;
  readonly kProjWeight: Parameter | null;
  readonly vProjWeight: Parameter | null;
  readonly inProjBias: Parameter | null;
  readonly biasK: Parameter | null;
  readonly biasV: Parameter | null;
  readonly outProj: Linear;

  constructor(readonly embedDim: number, readonly numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    checkPositiveInteger('embedDim', embedDim);
    checkPositiveInteger('numHeads', numHeads);
    if (embedDim % numHeads !== 0) {
      throw new Error(`MultiheadAttention: embedDim (${embedDim}) must be divisible by numHeads (${numHeads}); each head gets embedDim / numHeads features`);
    }
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    checkPositiveInteger('kdim', this.kdim);
    checkPositiveInteger('vdim', this.vdim);
    this.headDim = embedDim / numHeads;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout < 1)) throw new Error(`MultiheadAttention: dropout must be in [0, 1), got ${this.dropout}`);
    this.batchFirst = options.batchFirst ?? false;
    this.addZeroAttn = options.addZeroAttn ?? false;
    const bias = options.bias ?? true;
    const packed = this.kdim === embedDim && this.vdim === embedDim;

    // Registered in PyTorch's order, under PyTorch's names; the properties are the camelCase handles.
    // PyTorch's init: xavier_uniform on the in-projection, zero biases, xavier_normal on bias_k/bias_v.
    const xavier = (shape: number[]) => init.xavierUniform_(new Parameter(zeros(shape))) as Parameter;
    this.inProjWeight = this.registerParameter('in_proj_weight', packed ? xavier([3 * embedDim, embedDim]) : null);
    this.qProjWeight = this.registerParameter('q_proj_weight', packed ? null : xavier([embedDim, embedDim]));
    this.kProjWeight = this.registerParameter('k_proj_weight', packed ? null : xavier([embedDim, this.kdim]));
    this.vProjWeight = this.registerParameter('v_proj_weight', packed ? null : xavier([embedDim, this.vdim]));
    this.inProjBias = this.registerParameter('in_proj_bias', bias ? new Parameter(zeros([3 * embedDim])) : null);
    const biasRow = () => init.xavierNormal_(new Parameter(zeros([1, 1, embedDim]))) as Parameter;
    this.biasK = this.registerParameter('bias_k', options.addBiasKv ? biasRow() : null);
    this.biasV = this.registerParameter('bias_v', options.addBiasKv ? biasRow() : null);
    this.outProj = this.registerModule('out_proj', new Linear(embedDim, embedDim, { bias }));
    if (this.outProj.bias) init.zeros_(this.outProj.bias);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
    return multiHeadAttentionForward(query, key, value, {
      embedDim: this.embedDim,
      numHeads: this.numHeads,
      batchFirst: this.batchFirst,
      dropout: this.dropout,
      training: this.training,
      addZeroAttn: this.addZeroAttn,
      inProjWeight: this.inProjWeight,
      qProjWeight: this.qProjWeight,
      kProjWeight: this.kProjWeight,
      vProjWeight: this.vProjWeight,
      inProjBias: this.inProjBias,
      biasK: this.biasK,
      biasV: this.biasV,
      outProjWeight: this.outProj.weight,
      outProjBias: this.outProj.bias,
    }, options);
  }

  getConfig(): LayerConfig {
    return {
      embedDim: this.embedDim,
      numHeads: this.numHeads,
      dropout: this.dropout,
      bias: this.inProjBias !== null,
      addBiasKv: this.biasK !== null,
      addZeroAttn: this.addZeroAttn,
      kdim: this.kdim,
      vdim: this.vdim,
      batchFirst: this.batchFirst,
    };
  }

  /** Rebuilds from the configuration alone: `out_proj` is made here, and loadModel then loads the weights. */
  static fromConfig(config: LayerConfig): MultiheadAttention {
    const { embedDim, numHeads, ...options } = config as unknown as MultiheadAttentionOptions & { embedDim: number; numHeads: number };
    return new MultiheadAttention(embedDim, numHeads, options);
  }

  protected override extraRepr(): string {
    return `embed_dim=${this.embedDim}, num_heads=${this.numHeads}${this.kdim !== this.embedDim || this.vdim !== this.embedDim ? `, kdim=${this.kdim}, vdim=${this.vdim}` : ''}${this.batchFirst ? ', batch_first=True' : ''}`;
  }
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`MultiheadAttention: ${name} must be a positive integer, got ${value}`);
}
