import type { Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d, type AvgPoolOptions, type PoolOptions } from '../functional/pooling.js';
import type { Pair } from '../ops/window.js';
import { PLUGIN_NAME } from './plugin-name.js';

export class MaxPool2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'MaxPool2d';
  static readonly plugin = PLUGIN_NAME;
  constructor(readonly kernelSize: Pair, readonly options: PoolOptions = {}) { super(); }
  forward(input: Tensor): Tensor { return maxPool2d(input, this.kernelSize, this.options); }
  getConfig(): nn.LayerConfig { return { kernelSize: this.kernelSize as nn.ConfigValue, options: this.options as nn.ConfigValue }; }
  static fromConfig(config: nn.LayerConfig): MaxPool2d { return new MaxPool2d(config.kernelSize as Pair, config.options as PoolOptions); }
  protected override extraRepr(): string { return `kernel_size=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.options.stride ?? this.kernelSize)}`; }
}

export class AvgPool2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'AvgPool2d';
  static readonly plugin = PLUGIN_NAME;
  constructor(readonly kernelSize: Pair, readonly options: AvgPoolOptions = {}) { super(); }
  forward(input: Tensor): Tensor { return avgPool2d(input, this.kernelSize, this.options); }
  getConfig(): nn.LayerConfig { return { kernelSize: this.kernelSize as nn.ConfigValue, options: this.options as nn.ConfigValue }; }
  static fromConfig(config: nn.LayerConfig): AvgPool2d { return new AvgPool2d(config.kernelSize as Pair, config.options as AvgPoolOptions); }
  protected override extraRepr(): string { return `kernel_size=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.options.stride ?? this.kernelSize)}`; }
}

export class AdaptiveAvgPool2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'AdaptiveAvgPool2d';
  static readonly plugin = PLUGIN_NAME;
  constructor(readonly outputSize: Pair) { super(); }
  forward(input: Tensor): Tensor { return adaptiveAvgPool2d(input, this.outputSize); }
  getConfig(): nn.LayerConfig { return { outputSize: this.outputSize as nn.ConfigValue }; }
  static fromConfig(config: nn.LayerConfig): AdaptiveAvgPool2d { return new AdaptiveAvgPool2d(config.outputSize as Pair); }
  protected override extraRepr(): string { return `output_size=${JSON.stringify(this.outputSize)}`; }
}
