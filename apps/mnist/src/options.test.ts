import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options.js';

describe('command-line options', () => {
  it('has defaults and reads every option', () => {
    expect(parseOptions([])).toMatchObject({ command: 'train', model: 'cnn', epochs: 10, batchSize: 64, lr: 0.002, seed: 0, resume: false });
    expect(parseOptions(['--model', 'mlp'])).toMatchObject({ epochs: 3, batchSize: 32, lr: 0.002 });
    expect(parseOptions(['--epochs', '5', '--batch-size=32', '--lr', '0.01', '--seed', '7', '--out', 'x.safetensors', '--resume', '--data-dir', 'd', '--limit', '100']))
      .toMatchObject({ epochs: 5, batchSize: 32, lr: 0.01, seed: 7, out: 'x.safetensors', resume: true, dataDir: 'd', limit: 100 });
    expect(parseOptions(['predict', 'a.png', 'b.pgm', '--checkpoint', 'c.safetensors'])).toEqual({ command: 'predict', files: ['a.png', 'b.pgm'], checkpoint: 'c.safetensors', backend: 'cpu' });
    expect(parseOptions(['--help'])).toEqual({ command: 'help' });
  });

  it('refuses bad options and values with a message', () => {
    const bad: [string[], string][] = [
      [['--epochs', '0'], "--epochs needs a positive integer, got '0'"],
      [['--epochs', 'x'], "--epochs needs a positive integer, got 'x'"],
      [['--lr', '-1'], "--lr needs a positive number, got '-1'"],
      [['--model', 'rnn'], "--model must be 'mlp' or 'cnn', got 'rnn'"],
      [['--frobnicate'], "unknown option '--frobnicate'"],
      [['--out'], '--out needs a value'],
      [['predict'], 'predict needs at least one image file'],
      [['stray'], "unexpected argument 'stray'"],
    ];
    for (const [argv, message] of bad) {
      expect(() => parseOptions(argv)).toThrow(UsageError);
      expect(() => parseOptions(argv)).toThrow(message);
    }
  });
});
