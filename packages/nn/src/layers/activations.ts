import type { Tensor } from '@neurite/tensor';
import { Module } from '../module.js';
import type { ConfigurableLayer, LayerConfig } from '../serialization/layer-config.js';

/** Activation modules: stateless wrappers so they can sit in a Sequential and be saved. */

export class ReLU extends Module implements ConfigurableLayer {
  static readonly layerType = 'ReLU';
  forward(input: Tensor): Tensor { return input.relu(); }
  getConfig(): LayerConfig { return {}; }
  static fromConfig(): ReLU { return new ReLU(); }
}

export class LeakyReLU extends Module implements ConfigurableLayer {
  static readonly layerType = 'LeakyReLU';
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(input: Tensor): Tensor { return input.leakyRelu(this.negativeSlope); }
  getConfig(): LayerConfig { return { negativeSlope: this.negativeSlope }; }
  static fromConfig(config: LayerConfig): LeakyReLU { return new LeakyReLU(config.negativeSlope as number); }
  protected override extraRepr(): string { return `negative_slope=${this.negativeSlope}`; }
}

export class GELU extends Module implements ConfigurableLayer {
  static readonly layerType = 'GELU';
  constructor(readonly options: { readonly approximate?: 'none' | 'tanh' } = {}) { super(); }
  forward(input: Tensor): Tensor { return input.gelu(this.options.approximate); }
  getConfig(): LayerConfig { return { approximate: this.options.approximate ?? 'none' }; }
  static fromConfig(config: LayerConfig): GELU { return new GELU({ approximate: config.approximate as 'none' | 'tanh' }); }
  protected override extraRepr(): string { return `approximate='${this.options.approximate ?? 'none'}'`; }
}

export class SiLU extends Module implements ConfigurableLayer {
  static readonly layerType = 'SiLU';
  forward(input: Tensor): Tensor { return input.silu(); }
  getConfig(): LayerConfig { return {}; }
  static fromConfig(): SiLU { return new SiLU(); }
}

export class Sigmoid extends Module implements ConfigurableLayer {
  static readonly layerType = 'Sigmoid';
  forward(input: Tensor): Tensor { return input.sigmoid(); }
  getConfig(): LayerConfig { return {}; }
  static fromConfig(): Sigmoid { return new Sigmoid(); }
}

export class Tanh extends Module implements ConfigurableLayer {
  static readonly layerType = 'Tanh';
  forward(input: Tensor): Tensor { return input.tanh(); }
  getConfig(): LayerConfig { return {}; }
  static fromConfig(): Tanh { return new Tanh(); }
}

export class Softmax extends Module implements ConfigurableLayer {
  static readonly layerType = 'Softmax';
  constructor(readonly dim = -1) { super(); }
  forward(input: Tensor): Tensor { return input.softmax(this.dim); }
  getConfig(): LayerConfig { return { dim: this.dim }; }
  static fromConfig(config: LayerConfig): Softmax { return new Softmax(config.dim as number); }
  protected override extraRepr(): string { return `dim=${this.dim}`; }
}

export class LogSoftmax extends Module implements ConfigurableLayer {
  static readonly layerType = 'LogSoftmax';
  constructor(readonly dim = -1) { super(); }
  forward(input: Tensor): Tensor { return input.logSoftmax(this.dim); }
  getConfig(): LayerConfig { return { dim: this.dim }; }
  static fromConfig(config: LayerConfig): LogSoftmax { return new LogSoftmax(config.dim as number); }
  protected override extraRepr(): string { return `dim=${this.dim}`; }
}
