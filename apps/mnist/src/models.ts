import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import type { ModelName } from './options.js';

/** The networks the trainer knows. Inputs are [N, 1, 28, 28] images in [0, 1]. */
export function buildModel(name: ModelName): nn.Sequential {
  switch (name) {
    case 'mlp':
      return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
    case 'cnn':
      // conv(1→8, 5×5) → ReLU → maxpool 2 → conv(8→16, 5×5) → ReLU → maxpool 2 → flatten → linear(256→10)
      return new nn.Sequential(
        new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
        new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
        new nn.Flatten(), new nn.Linear(256, 10),
      );
  }
}
