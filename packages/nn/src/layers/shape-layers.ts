import type { Tensor } from '@neurite/tensor';
import { defaultGenerator, type Generator } from '@neurite/tensor';
import { Module } from '../module.js';
import { dropout } from '../functional/layers.js';
import type { ConfigurableLayer, LayerConfig } from '../serialization/layer-config.js';

export class Identity extends Module implements ConfigurableLayer {
  static readonly layerType = 'Identity';
  forward(input: Tensor): Tensor { return input.clone(); }
  getConfig(): LayerConfig { return {}; }
  static fromConfig(): Identity { return new Identity(); }
}

/** Flattens axes startDim..endDim (by default all but the batch axis). */
export class Flatten extends Module implements ConfigurableLayer {
  static readonly layerType = 'Flatten';
  constructor(readonly startDim = 1, readonly endDim = -1) { super(); }
  forward(input: Tensor): Tensor { return input.flatten(this.startDim, this.endDim); }
  getConfig(): LayerConfig { return { startDim: this.startDim, endDim: this.endDim }; }
  static fromConfig(config: LayerConfig): Flatten { return new Flatten(config.startDim as number, config.endDim as number); }
  protected override extraRepr(): string { return `start_dim=${this.startDim}, end_dim=${this.endDim}`; }
}

export interface DropoutLayerOptions {
  /** Draws masks from this generator instead of the default one `manualSeed` seeds. */
  readonly generator?: Generator;
}

/** Dropout in training mode, the identity in eval mode. */
export class Dropout extends Module implements ConfigurableLayer {
  static readonly layerType = 'Dropout';
  readonly #generator: Generator;
  constructor(readonly p = 0.5, options: DropoutLayerOptions = {}) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`Dropout: p must be in [0, 1], got ${p}`);
    this.#generator = options.generator ?? defaultGenerator;
  }
  forward(input: Tensor): Tensor { return dropout(input, this.p, { training: this.training, generator: this.#generator }); }
  getConfig(): LayerConfig { return { p: this.p }; }
  static fromConfig(config: LayerConfig): Dropout { return new Dropout(config.p as number); }
  protected override extraRepr(): string { return `p=${this.p}`; }
}
