import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mnist } from './index-node.js';
import { mnistLikeFiles } from './__fixtures__/idx-files.js';

let root: string;

/** A folder holding the four standard files, gzipped or not, from the given bytes. */
async function folder(name: string, files: Record<string, Uint8Array>, gzip: boolean): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) await writeFile(join(dir, gzip ? `${file}.gz` : file), gzip ? gzipSync(bytes) : bytes);
  return dir;
}

function standardFiles(trainCount: number, testCount: number): Record<string, Uint8Array> {
  const train = mnistLikeFiles(trainCount);
  const test = mnistLikeFiles(testCount);
  return {
    'train-images-idx3-ubyte': train.images,
    'train-labels-idx1-ubyte': train.labels,
    't10k-images-idx3-ubyte': test.images,
    't10k-labels-idx1-ubyte': test.labels,
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'neurite-idx-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('mnist({ dataDir })', () => {
  for (const gzip of [false, true]) {
    it(`reads the four IDX files${gzip ? ' (gzipped)' : ''}`, async () => {
      const dir = await folder(gzip ? 'gz' : 'plain', standardFiles(20, 7), gzip);
      const data = await mnist({ dataDir: dir });
      expect(data.train.length).toBe(20);
      expect(data.test.length).toBe(7);
      expect(data.train.tensors.input.shape).toEqual([20, 1, 28, 28]);
      expect(data.test.tensors.target.dtype).toBe('int32');
      expect(Array.from(await data.test.tensors.target.data())).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const pixels = await data.train.tensors.input.data();
      expect(pixels[784]).toBeCloseTo(37 / 255, 6);
      expect(Math.max(...pixels.subarray(0, 784 * 8))).toBeLessThanOrEqual(1);
      expect(data.info.source).toBe('idx');
      expect(data.info.description).toBe(`MNIST: the IDX files in ${dir}, 20 train / 7 test`);
      expect(data.info.sources).toContain(join(dir, gzip ? 'train-images-idx3-ubyte.gz' : 'train-images-idx3-ubyte'));
      data.train.dispose();
      data.test.dispose();
    });
  }

  it('also finds the dotted spelling some mirrors use', async () => {
    const files = standardFiles(3, 2);
    const dotted = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name.replace('-idx', '.idx'), bytes]));
    const data = await mnist({ dataDir: await folder('dotted', dotted, false) });
    expect(data.train.length).toBe(3);
    data.train.dispose();
    data.test.dispose();
  });

  it('names a missing file and where it looked', async () => {
    const files = standardFiles(3, 2);
    delete files['t10k-labels-idx1-ubyte'];
    const dir = await folder('missing', files, true);
    await expect(mnist({ dataDir: dir })).rejects.toThrow(
      `mnist: no t10k-labels-idx1-ubyte in ${dir} (looked for t10k-labels-idx1-ubyte, t10k-labels-idx1-ubyte.gz, t10k-labels.idx1-ubyte, t10k-labels.idx1-ubyte.gz)`,
    );
    await expect(mnist({ dataDir: join(root, 'nowhere') })).rejects.toThrow(`mnist: dataDir ${join(root, 'nowhere')} is not a folder`);
  });

  it('reports a truncated file with its path, expected and found sizes', async () => {
    const files = standardFiles(5, 2);
    files['train-images-idx3-ubyte'] = files['train-images-idx3-ubyte'].subarray(0, 1000);
    const dir = await folder('truncated', files, true);
    await expect(mnist({ dataDir: dir })).rejects.toThrow(
      `${join(dir, 'train-images-idx3-ubyte.gz')}: truncated: shape [5, 28, 28] of uint8 needs 3936 bytes (a 16-byte header + 3920 bytes of data), found 1000`,
    );
  });

  it('reports a wrong magic number, and a broken gzip stream', async () => {
    const files = standardFiles(5, 2);
    files['train-labels-idx1-ubyte'] = files['train-images-idx3-ubyte'];
    const dir = await folder('swapped', files, false);
    await expect(mnist({ dataDir: dir })).rejects.toThrow(
      `${join(dir, 'train-labels-idx1-ubyte')}: expected an IDX labels file (magic number 2049 (0x00000801)), found magic number 2051 (0x00000803) (uint8, 3 dimensions)`,
    );
    const broken = await folder('broken', standardFiles(5, 2), true);
    const file = join(broken, 't10k-images-idx3-ubyte.gz');
    await writeFile(file, gzipSync(mnistLikeFiles(2).images).subarray(0, 30));
    await expect(mnist({ dataDir: broken })).rejects.toThrow(`${file}: cannot decompress this gzip file: unexpected end of file`);
  });

  it('reports images and labels whose counts differ', async () => {
    const files = standardFiles(5, 2);
    files['train-labels-idx1-ubyte'] = mnistLikeFiles(4).labels;
    const dir = await folder('counts', files, false);
    await expect(mnist({ dataDir: dir })).rejects.toThrow(
      `mnist: ${join(dir, 'train-images-idx3-ubyte')} has 5 images but ${join(dir, 'train-labels-idx1-ubyte')} has 4 labels; they must match`,
    );
  });
});
