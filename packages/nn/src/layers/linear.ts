import { zeros, type Tensor } from '@neurite/tensor';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { kaimingUniform_, uniform_ } from '../init/init.js';
import { linear } from '../functional/layers.js';
import type { ConfigurableLayer, LayerConfig } from '../serialization/layer-config.js';

export interface LinearOptions {
  readonly bias?: boolean;
}

/** `y = x Wᵀ + b`, weight `[out, in]`, initialised as PyTorch does. */
export class Linear extends Module implements ConfigurableLayer {
  static readonly layerType = 'Linear';
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    checkPositiveInteger('Linear', 'inFeatures', inFeatures);
    checkPositiveInteger('Linear', 'outFeatures', outFeatures);
    this.weight = new Parameter(zeros([outFeatures, inFeatures]));
    // PyTorch's default: kaiming_uniform(a = √5), i.e. U(±1/√fanIn), for the weight and the bias.
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    const bound = 1 / Math.sqrt(inFeatures);
    this.bias = options.bias === false ? null : uniform_(new Parameter(zeros([outFeatures])), -bound, bound) as Parameter;
  }

  forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  getConfig(): LayerConfig {
    return { inFeatures: this.inFeatures, outFeatures: this.outFeatures, bias: this.bias !== null };
  }

  static fromConfig(config: LayerConfig): Linear {
    return new Linear(config.inFeatures as number, config.outFeatures as number, { bias: config.bias as boolean });
  }

  protected override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

export function checkPositiveInteger(layer: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${layer}: ${name} must be a positive integer, got ${value}`);
}
