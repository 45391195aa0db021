import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * 20 epochs of training in a child process started with --expose-gc: live tensors must be the same
 * after every epoch, and the process's memory (heap and array buffers, after a collection) flat.
 */
describe('memory over 20 epochs', () => {
  it('stays flat', () => {
    const trainModule = fileURLToPath(new URL('../dist/train.js', import.meta.url));
    const tensorModule = import.meta.resolve('@neurite/tensor');
    const out = join(mkdtempSync(join(tmpdir(), 'neurite-soak-')), 'soak.safetensors');
    const script = `
      const { train } = await import(${JSON.stringify(trainModule)});
      const { memory } = await import(${JSON.stringify(tensorModule)});
      const samples = [];
      const options = { command: 'train', model: 'mlp', backend: 'cpu', epochs: 20, batchSize: 64, lr: 0.001, seed: 5, dataDir: null, out: ${JSON.stringify(out)}, resume: false, limit: 1000 };
      await train(options, { write() {}, interactive: false, stop: { requested: false }, onEpochEnd() {
        // Count live tensors before collecting: a forgotten tensor must show here, not be quietly
        // returned by the FinalizationRegistry safety net.
        const tensors = memory().tensors;
        globalThis.gc(); globalThis.gc();
        const usage = process.memoryUsage();
        samples.push({ tensors, heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers, rss: usage.rss });
      } });
      console.log(JSON.stringify(samples));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const samples: { tensors: number; heap: number; arrayBuffers: number; rss: number }[] = JSON.parse(output.trim().split('\n').pop()!);
    expect(samples).toHaveLength(20);
    expect(new Set(samples.map((s) => s.tensors)).size).toBe(1);
    // After warm-up (epochs 1-4: JIT, caches), nothing may grow by more than noise.
    const settled = samples.slice(4);
    const growth = (key: 'heap' | 'arrayBuffers' | 'rss') => settled[settled.length - 1][key] - settled[0][key];
    expect(growth('arrayBuffers')).toBeLessThan(1 << 20);
    expect(growth('heap')).toBeLessThan(4 << 20);
    expect(growth('rss')).toBeLessThan(32 << 20);
  });
});
