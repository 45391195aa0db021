import type { Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { dropout2d } from '../functional/normalization.js';
import { PLUGIN_NAME } from './plugin-name.js';

/** Drops whole channels in training mode; the identity in eval mode. */
export class Dropout2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'Dropout2d';
  static readonly plugin = PLUGIN_NAME;
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`Dropout2d: p must be in [0, 1], got ${p}`);
  }
  forward(input: Tensor): Tensor { return dropout2d(input, this.p, { training: this.training }); }
  getConfig(): nn.LayerConfig { return { p: this.p }; }
  static fromConfig(config: nn.LayerConfig): Dropout2d { return new Dropout2d(config.p as number); }
  protected override extraRepr(): string { return `p=${this.p}`; }
}
