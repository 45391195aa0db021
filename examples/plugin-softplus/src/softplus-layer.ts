import type { Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { softplus } from './softplus-op.js';

/** The op as a layer, saveable with nn.saveModel and rebuilt by nn.loadModel with this plugin. */
export class Softplus extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'Softplus';
  static readonly plugin = 'neurite-plugin-softplus';

  constructor(readonly beta = 1, readonly threshold = 20) {
    super();
  }

  forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }

  getConfig(): nn.LayerConfig {
    return { beta: this.beta, threshold: this.threshold };
  }

  static fromConfig(config: nn.LayerConfig): Softplus {
    return new Softplus(config.beta as number, config.threshold as number);
  }
}
