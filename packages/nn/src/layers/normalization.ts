import { ones, zeros, randn, type Tensor } from '@neurite/tensor';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { embedding, layerNorm } from '../functional/layers.js';
import type { ConfigurableLayer, LayerConfig } from '../serialization/layer-config.js';
import { checkPositiveInteger } from './linear.js';
import { noGrad, tidy } from '@neurite/tensor';

export interface LayerNormOptions {
  readonly eps?: number;
  readonly elementwiseAffine?: boolean;
  readonly bias?: boolean;
}

export class LayerNorm extends Module implements ConfigurableLayer {
  static readonly layerType = 'LayerNorm';
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? new Parameter(ones(this.normalizedShape)) : null;
    this.bias = affine && options.bias !== false ? new Parameter(zeros(this.normalizedShape)) : null;
  }

  forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  getConfig(): LayerConfig {
    return { normalizedShape: [...this.normalizedShape], eps: this.eps, elementwiseAffine: this.weight !== null, bias: this.bias !== null };
  }

  static fromConfig(config: LayerConfig): LayerNorm {
    return new LayerNorm(config.normalizedShape as number[], { eps: config.eps as number, elementwiseAffine: config.elementwiseAffine as boolean, bias: config.bias as boolean });
  }

  protected override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${this.eps}, elementwise_affine=${this.weight !== null}`;
  }
}

export interface EmbeddingOptions {
  /** This row is initialised to zeros and receives no gradient (e.g. for padding tokens). */
  readonly paddingIdx?: number | null;
}

/** A lookup table `[numEmbeddings, embeddingDim]`, initialised N(0, 1) as PyTorch does. */
export class Embedding extends Module implements ConfigurableLayer {
  static readonly layerType = 'Embedding';
  readonly weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    checkPositiveInteger('Embedding', 'numEmbeddings', numEmbeddings);
    checkPositiveInteger('Embedding', 'embeddingDim', embeddingDim);
    const padding = options.paddingIdx ?? null;
    if (padding !== null && (!Number.isInteger(padding) || padding < -numEmbeddings || padding >= numEmbeddings)) {
      throw new Error(`Embedding: paddingIdx must be an integer in [${-numEmbeddings}, ${numEmbeddings - 1}], got ${padding}`);
    }
    this.paddingIdx = padding === null ? null : padding < 0 ? padding + numEmbeddings : padding;
    this.weight = new Parameter(randn([numEmbeddings, embeddingDim]));
    if (this.paddingIdx !== null) {
      const row = this.paddingIdx;
      noGrad(() => tidy(() => {
        const keep = zeros([numEmbeddings, 1]).add(1).where(this.weight.newTensor(Int32Array.from({ length: numEmbeddings }, (_, i) => i), [numEmbeddings, 1], 'int32').ne(row), 0);
        this.weight.assign(this.weight.mul(keep));
      }));
    }
  }

  forward(indices: Tensor): Tensor {
    return embedding(indices, this.weight, this.paddingIdx);
  }

  getConfig(): LayerConfig {
    return { numEmbeddings: this.numEmbeddings, embeddingDim: this.embeddingDim, paddingIdx: this.paddingIdx };
  }

  static fromConfig(config: LayerConfig): Embedding {
    return new Embedding(config.numEmbeddings as number, config.embeddingDim as number, { paddingIdx: config.paddingIdx as number | null });
  }

  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ''}`;
  }
}
