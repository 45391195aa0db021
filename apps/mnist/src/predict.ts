import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { noGrad, tensor, tidy } from '@neurite/tensor';
// The umbrella's setBackend knows the built-in backends ('cpu', 'worker', 'webgpu') without registering them.
import { setBackend } from 'neurite';
import { parseIdx } from '@neurite/data';
import { buildModel } from './models.js';
import { loadCheckpoint } from './checkpoint.js';
import { decodePgm, decodePng, toMnistPixels } from './images.js';
import type { PredictOptions } from './options.js';

/** Reads one file as a stack of 28x28 digits: an IDX image file (possibly gzipped), a PNG or a PGM. */
async function readDigits(file: string): Promise<Float32Array[]> {
  let bytes = new Uint8Array(await readFile(file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(gunzipSync(bytes));
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return [toMnistPixels(decodePng(bytes, file), file)];
  if (bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x32)) return [toMnistPixels(decodePgm(bytes, file), file)];
  const idx = parseIdx(bytes, file);
  if (idx.shape.length !== 3 || idx.shape[1] !== 28 || idx.shape[2] !== 28) throw new Error(`${file}: expected IDX images of 28x28, got shape [${idx.shape.join(', ')}]`);
  return Array.from({ length: idx.shape[0] }, (_, i) => Float32Array.from(idx.data.subarray(i * 784, (i + 1) * 784), (v) => v / 255));
}

/** Classifies each digit with a saved checkpoint; prints the label and its probability. */
export async function predict(options: PredictOptions, write: (text: string) => void): Promise<number[]> {
  await setBackend(options.backend);
  const checkpoint = await loadCheckpoint(options.checkpoint);
  const model = buildModel(checkpoint.progress.model);
  checkpoint.restore(model);
  model.eval();
  const labels: number[] = [];
  for (const file of options.files) {
    const digits = await readDigits(file);
    const batch = new Float32Array(digits.length * 784);
    digits.forEach((digit, i) => batch.set(digit, i * 784));
    const probabilities = noGrad(() => tidy(() => model.forward(tensor(batch, [digits.length, 1, 28, 28])).softmax(1)));
    const values = await probabilities.data();
    probabilities.dispose();
    for (let i = 0; i < digits.length; i++) {
      const row = Array.from(values.subarray(i * 10, i * 10 + 10));
      const label = row.indexOf(Math.max(...row));
      labels.push(label);
      write(`${file}${digits.length > 1 ? `[${i}]` : ''}: ${label} (${(row[label] * 100).toFixed(1)}%)\n`);
    }
  }
  model.dispose();
  return labels;
}
