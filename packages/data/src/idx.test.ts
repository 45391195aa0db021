import { describe, expect, it } from 'vitest';
import { mnistFromIdx, parseIdx } from './index.js';
import { idxBytes, mnistLikeFiles } from './__fixtures__/idx-files.js';

describe('parseIdx', () => {
  it('reads MNIST-style images and labels: magic, big-endian shape, data', () => {
    const images = parseIdx(idxBytes(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]), 'images');
    expect(images.magic).toBe(2051);
    expect(images.type).toBe('uint8');
    expect(images.shape).toEqual([2, 2, 3]);
    expect(Array.from(images.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    const labels = parseIdx(idxBytes(0x08, [3], [7, 0, 9]), 'labels');
    expect(labels.magic).toBe(2049);
    expect(Array.from(labels.data)).toEqual([7, 0, 9]);
  });

  it('reads the wider element types big-endian', () => {
    expect(Array.from(parseIdx(idxBytes(0x09, [2], [-3, 4])).data)).toEqual([-3, 4]);
    expect(Array.from(parseIdx(idxBytes(0x0b, [2], [-300, 1000], 2)).data)).toEqual([-300, 1000]);
    expect(Array.from(parseIdx(idxBytes(0x0c, [1, 2], [-70000, 1 << 30], 4)).data)).toEqual([-70000, 1 << 30]);
    const floats = parseIdx(idxBytes(0x0d, [2], [0.5, -2.25], 4));
    expect(floats.type).toBe('float32');
    expect(Array.from(floats.data)).toEqual([0.5, -2.25]);
    expect(Array.from(parseIdx(idxBytes(0x0e, [1], [Math.PI], 8)).data)).toEqual([Math.PI]);
  });

  it('copies the data, so the input bytes can be reused', () => {
    const bytes = idxBytes(0x08, [2], [1, 2]);
    const parsed = parseIdx(bytes);
    bytes[8] = 99;
    expect(Array.from(parsed.data)).toEqual([1, 2]);
  });

  it('names the file and says what was expected and found', () => {
    const good = idxBytes(0x08, [3, 2, 2], new Uint8Array(12));
    expect(() => parseIdx(good.subarray(0, 3), 'a.idx')).toThrow('a.idx: not an IDX file: it has 3 bytes, fewer than the 4-byte magic number');
    expect(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 8, 0, 0), 'b.gz')).toThrow('b.gz: not an IDX file: it starts with the gzip signature (1f 8b); decompress it first');
    expect(() => parseIdx(Uint8Array.of(1, 0, 8, 3), 'c')).toThrow('c: not an IDX file: the magic number 16779267 (0x01000803) should start with two zero bytes');
    expect(() => parseIdx(Uint8Array.of(0, 0, 7, 1, 0, 0, 0, 0), 'd')).toThrow(
      'd: unknown IDX element type 0x07 in magic number 1793 (0x00000701) (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)',
    );
    expect(() => parseIdx(Uint8Array.of(0, 0, 8, 0), 'e')).toThrow('e: the magic number 2048 (0x00000800) declares 0 dimensions; expected at least 1');
    expect(() => parseIdx(good.subarray(0, 10), 'train-images-idx3-ubyte')).toThrow(
      'train-images-idx3-ubyte: truncated IDX header: 3 dimensions need 16 bytes, found 10',
    );
    expect(() => parseIdx(good.subarray(0, 20), 'train-images-idx3-ubyte')).toThrow(
      'train-images-idx3-ubyte: truncated: shape [3, 2, 2] of uint8 needs 28 bytes (a 16-byte header + 12 bytes of data), found 20',
    );
    const long = new Uint8Array(30);
    long.set(good);
    expect(() => parseIdx(long, 'f')).toThrow('f: 2 bytes too many: shape [3, 2, 2] of uint8 needs 28 bytes (a 16-byte header + 12 bytes of data), found 30');
    expect(() => parseIdx([0, 0, 8, 1] as never, 'g')).toThrow("parseIdx: g: expected the file's bytes as a Uint8Array");
  });
});

describe('mnistFromIdx', () => {
  it('builds NCHW float32 images in [0, 1] and int32 labels', async () => {
    const train = mnistLikeFiles(12);
    const test = mnistLikeFiles(3);
    const data = mnistFromIdx({ trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels });
    expect(data.train.tensors.input.shape).toEqual([12, 1, 28, 28]);
    expect(data.train.tensors.input.dtype).toBe('float32');
    expect(data.test.tensors.target.dtype).toBe('int32');
    expect(Array.from(await data.train.tensors.target.data())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    const pixels = await data.train.tensors.input.data();
    expect(pixels[784 * 2]).toBeCloseTo(74 / 255, 6);
    expect(data.info).toMatchObject({ source: 'idx', trainCount: 12, testCount: 3, imageShape: [1, 28, 28], seed: null, cache: 'none' });
    data.train.dispose();
    data.test.dispose();
  });

  it('checks magic numbers and that image and label counts match', () => {
    const train = mnistLikeFiles(4);
    const test = mnistLikeFiles(2);
    const files = { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
    expect(() => mnistFromIdx({ ...files, trainImages: train.labels })).toThrow(
      'train-images-idx3-ubyte: expected an IDX images file (magic number 2051 (0x00000803)), found magic number 2049 (0x00000801) (uint8, 1 dimensions)',
    );
    expect(() => mnistFromIdx({ ...files, testLabels: test.images })).toThrow(
      't10k-labels-idx1-ubyte: expected an IDX labels file (magic number 2049 (0x00000801)), found magic number 2051 (0x00000803) (uint8, 3 dimensions)',
    );
    expect(() => mnistFromIdx({ ...files, testLabels: train.labels })).toThrow(
      'mnist: t10k-images-idx3-ubyte has 2 images but t10k-labels-idx1-ubyte has 4 labels; they must match',
    );
  });
});
