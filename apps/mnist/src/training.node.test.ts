import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, type TrainOptions } from './options.js';
import { train } from './train.js';

const quiet = { write: () => {}, interactive: false, stop: { requested: false } };
const options = (...argv: string[]) => parseOptions(['--out', join(mkdtempSync(join(tmpdir(), 'neurite-mnist-')), 'checkpoint.safetensors'), ...argv]) as TrainOptions;

describe('the MLP on the embedded MNIST digits', () => {
  it('reaches at least 93% test accuracy in 3 epochs, and the same seed gives the same accuracy', async () => {
    const first = await train(options('--model', 'mlp', '--epochs', '3', '--seed', '0'), quiet);
    expect(first.completed).toBe(true);
    expect(first.evaluation!.accuracy).toBeGreaterThanOrEqual(0.93);
    const second = await train(options('--model', 'mlp', '--epochs', '3', '--seed', '0'), quiet);
    expect(second.evaluation!.accuracy).toBe(first.evaluation!.accuracy);
    expect(second.epochs).toEqual(first.epochs);
    first.model.dispose();
    second.model.dispose();
  });
});

describe('the default model: the CNN', () => {
  it('reaches at least 97% on the 2,000 held-out digits with the defaults', async () => {
    const result = await train(options(), quiet);
    expect(result.completed).toBe(true);
    expect(result.epochs).toHaveLength(10);
    expect(result.evaluation!.accuracy).toBeGreaterThanOrEqual(0.97);
    result.model.dispose();
  }, 300_000);
});
