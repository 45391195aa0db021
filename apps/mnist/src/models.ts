import * as nn from '@neurite/nn';
import type { ModelName } from './options.js';

/** The networks the trainer knows. Inputs are [N, 1, 28, 28] images in [0, 1]. */
export function buildModel(name: ModelName): nn.Sequential {
  switch (name) {
    case 'mlp':
      return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
    case 'cnn':
      throw new Error("the 'cnn' model needs the @neurite/cnn plugin, which is not built yet; use --model mlp");
  }
}
