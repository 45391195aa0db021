import { describe, expect, it } from 'vitest';
import { backendsUnderTest } from '@neurite/tensor/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Sample {
  tensors: number;
  heap: number;
  arrayBuffers: number;
  rss: number;
  /** The backend's own count: buffers in use, and bytes its pools keep for reuse. */
  buffers: number;
  poolBytes: number;
}

/**
 * 20 epochs of training in a child process started with --expose-gc: live tensors and the
 * backend's buffers in use must be the same after every epoch, the buffer pool bounded, and the
 * process's memory (heap and array buffers, after a collection) flat. On the CPU and, where it
 * runs, on WebGPU.
 */
describe.each(backendsUnderTest().filter((name) => name === 'cpu' || name === 'webgpu'))('memory over 20 epochs [%s]', (backendName) => {
  // The software WebGPU adapter of CI machines (SwiftShader) runs a matmul at ~0.25 GFLOP/s: a
  // smaller slice of the digits keeps that run near a minute.
  const limit = backendName === 'webgpu' ? 400 : 1000;
  it('stays flat', { timeout: 300_000 }, () => {
    const trainModule = fileURLToPath(new URL('../dist/train.js', import.meta.url));
    const tensorModule = import.meta.resolve('@neurite/tensor');
    const out = join(mkdtempSync(join(tmpdir(), 'neurite-soak-')), 'soak.safetensors');
    const script = `
      const { train } = await import(${JSON.stringify(trainModule)});
      const { memory, getBackend, sync } = await import(${JSON.stringify(tensorModule)});
      const samples = [];
      const options = { command: 'train', model: 'mlp', backend: ${JSON.stringify(backendName)}, epochs: 20, batchSize: 64, lr: 0.001, seed: 5, dataDir: null, out: ${JSON.stringify(out)}, resume: false, limit: ${limit} };
      const pending = [];
      await train(options, { write() {}, interactive: false, stop: { requested: false }, onEpochEnd() {
        // Count live tensors before collecting: a forgotten tensor must show here, not be quietly
        // returned by the FinalizationRegistry safety net.
        const tensors = memory().tensors;
        const backend = getBackend().memory();
        globalThis.gc(); globalThis.gc();
        const usage = process.memoryUsage();
        samples.push({ tensors, heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers, rss: usage.rss, buffers: backend.buffers, poolBytes: backend.pool?.bytes ?? 0 });
      } });
      await sync();
      console.log(JSON.stringify(samples));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const samples: Sample[] = JSON.parse(output.trim().split('\n').pop()!);
    expect(samples).toHaveLength(20);
    expect(new Set(samples.map((s) => s.tensors)).size).toBe(1);
    expect(new Set(samples.map((s) => s.buffers)).size).toBe(1);
    // The pool keeps what a step frees for the next; it settles and stays under its cap (256 MiB).
    const pool = samples.slice(4).map((s) => s.poolBytes);
    expect(Math.max(...pool)).toBeLessThanOrEqual(256 << 20);
    expect(pool[pool.length - 1]).toBeLessThanOrEqual(1.1 * Math.max(...pool.slice(0, 4)) + (1 << 20));
    // After warm-up (epochs 1-4: JIT, caches), nothing may grow by more than noise.
    const settled = samples.slice(4);
    const growth = (key: 'heap' | 'arrayBuffers' | 'rss') => settled[settled.length - 1][key] - settled[0][key];
    expect(growth('arrayBuffers')).toBeLessThan(1 << 20);
    expect(growth('heap')).toBeLessThan(4 << 20);
    expect(growth('rss')).toBeLessThan(32 << 20);
  });
});
