import { formatMagic, parseIdx, type IdxArray } from './idx.js';
import type { MnistArrays } from './mnist-arrays.js';

/** The four standard MNIST files, uncompressed. */
export interface MnistIdxFiles {
  readonly trainImages: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Uint8Array;
  readonly testLabels: Uint8Array;
}

/** What each file is called in error messages (paths when read from a folder). */
export type MnistIdxNames = Readonly<Record<keyof MnistIdxFiles, string>>;

export const standardIdxNames: MnistIdxNames = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

const imagesMagic = 2051; // 0x00000803: unsigned bytes, 3 dimensions
const labelsMagic = 2049; // 0x00000801: unsigned bytes, 1 dimension

function expectMagic(parsed: IdxArray, name: string, magic: number, what: string): void {
  if (parsed.magic !== magic) {
    throw new Error(`${name}: expected an IDX ${what} file (magic number ${formatMagic(magic)}), found magic number ${formatMagic(parsed.magic)} (${parsed.type}, ${parsed.shape.length} dimensions)`);
  }
}

/** One split from an images file and a labels file: pixels scaled from bytes to [0, 1]. */
export function arraysFromIdx(images: Uint8Array, labels: Uint8Array, imagesName: string, labelsName: string): MnistArrays {
  const parsedImages = parseIdx(images, imagesName);
  expectMagic(parsedImages, imagesName, imagesMagic, 'images');
  const parsedLabels = parseIdx(labels, labelsName);
  expectMagic(parsedLabels, labelsName, labelsMagic, 'labels');
  const [count, rows, cols] = parsedImages.shape;
  if (parsedLabels.shape[0] !== count) {
    throw new Error(`mnist: ${imagesName} has ${count} images but ${labelsName} has ${parsedLabels.shape[0]} labels; they must match`);
  }
  const bytes = parsedImages.data;
  const pixels = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) pixels[i] = bytes[i] / 255;
  return { count, rows, cols, pixels, labels: parsedLabels.data as Uint8Array };
}

export function splitsFromIdx(files: MnistIdxFiles, names: MnistIdxNames = standardIdxNames): { train: MnistArrays; test: MnistArrays } {
  const train = arraysFromIdx(files.trainImages, files.trainLabels, names.trainImages, names.trainLabels);
  const test = arraysFromIdx(files.testImages, files.testLabels, names.testImages, names.testLabels);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new Error(`mnist: ${names.trainImages} has ${train.rows}x${train.cols} images but ${names.testImages} has ${test.rows}x${test.cols}; they must match`);
  }
  return { train, test };
}
