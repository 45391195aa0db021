import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mnist, type Mnist } from './index-node.js';

// Each test uses its own cache folder, so the outcome (written, hit, rebuilt) does not depend on
// what other tests or earlier runs left behind. Outcomes are read from info.cache, never timed.
let root: string;
let reference: { pixels: Buffer; labels: Int32Array };
const cacheFileName = 'mnist-embedded.v1.bin';
const cacheBytes = 32 + 10000 * 784 * 4 + 10000;

async function contents(data: Mnist) {
  const result = { pixels: Buffer.from((await data.train.tensors.input.data()).buffer), labels: (await data.train.tensors.target.data()) as Int32Array };
  data.train.dispose();
  data.test.dispose();
  return result;
}

async function expectReferenceData(data: Mnist) {
  const { pixels, labels } = await contents(data);
  expect(pixels.equals(reference.pixels)).toBe(true);
  expect(labels).toEqual(reference.labels);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'neurite-mnist-cache-'));
  const parsed = await mnist({ cache: false });
  expect(parsed.info.cache).toBe('off');
  expect(parsed.info.cacheFile).toBeNull();
  reference = await contents(parsed);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('mnist() cache of the embedded digits (Node)', () => {
  it('writes the cache on the first load and reads it on the second', async () => {
    const cacheDir = join(root, 'fresh');
    const first = await mnist({ cacheDir });
    expect(first.info.cache).toBe('written');
    expect(first.info.cacheFile).toBe(join(cacheDir, cacheFileName));
    await expectReferenceData(first);
    expect((await stat(join(cacheDir, cacheFileName))).size).toBe(cacheBytes);
    expect(await readdir(cacheDir)).toEqual([cacheFileName]); // the temporary file was renamed, not left behind

    const second = await mnist({ cacheDir });
    expect(second.info.cache).toBe('hit');
    await expectReferenceData(second);
  });

  it('rebuilds a corrupt, truncated or foreign cache instead of trusting it', async () => {
    const cacheDir = join(root, 'damaged');
    const file = join(cacheDir, cacheFileName);
    const written = await mnist({ cacheDir });
    expect(written.info.cache).toBe('written');
    await contents(written);
    const good = await readFile(file);
    const damages: [string, (bytes: Buffer) => Buffer][] = [
      ['one flipped pixel bit', (bytes) => ((bytes[1_000_003] ^= 0x10), bytes)],
      ['one changed label', (bytes) => ((bytes[bytes.length - 17] = 9 - bytes[bytes.length - 17]), bytes)],
      ['truncated', (bytes) => bytes.subarray(0, 5_000_000)],
      ['another file', () => Buffer.from('not a cache at all')],
    ];
    for (const [, damage] of damages) {
      await writeFile(file, damage(Buffer.from(good)));
      const loaded = await mnist({ cacheDir });
      expect(loaded.info.cache).toBe('rebuilt');
      await expectReferenceData(loaded);
      expect((await readFile(file)).equals(good)).toBe(true);
    }
    const again = await mnist({ cacheDir });
    expect(again.info.cache).toBe('hit');
    await contents(again);
  });

  it('still loads when the cache folder cannot be written', async () => {
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'a file where the cache folder would go');
    const data = await mnist({ cacheDir: join(blocker, 'cache') });
    expect(data.info.cache).toBe('unwritable');
    expect(data.info.cacheFile).toBeNull();
    await expectReferenceData(data);
  });

  it('by default caches under node_modules/.cache/neurite (or the temp folder)', async () => {
    const data = await mnist();
    expect(['hit', 'written', 'rebuilt']).toContain(data.info.cache);
    expect(data.info.cacheFile).toMatch(/(node_modules[\\/]\.cache[\\/]neurite|neurite-cache)[\\/]mnist-embedded\.v1\.bin$/);
    await expectReferenceData(data);
    const again = await mnist();
    expect(again.info.cache).toBe('hit');
    await contents(again);
  });
});
