import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Tensors that were never disposed give their GPU buffers back once garbage-collected, and those
 * buffers go to the pool for reuse, not to the device's destructor. Needs a real collection: a child
 * Node process started with --expose-gc, on the built packages.
 */
describe('FinalizationRegistry on WebGPU', () => {
  it('returns forgotten tensors\' buffers to the pool, where new tensors reuse them', () => {
    const backendEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const tensorEntry = import.meta.resolve('@neurite/tensor');
    const script = `
      const { createWebGpuBackend } = await import(${JSON.stringify(backendEntry)});
      const nt = await import(${JSON.stringify(tensorEntry)});
      nt.registerBackend('webgpu-gc', () => createWebGpuBackend({ name: 'webgpu-gc' }));
      const backend = await nt.setBackend('webgpu-gc');
      // Held until 'before' is measured: sync() yields to the event loop, where a collection
      // could otherwise finalize them before they are counted.
      // Made in a function so that no stack slot of this script keeps the last pair alive.
      const makePairs = () => { const pairs = []; for (let i = 0; i < 50; i++) { const one = nt.ones([1000]); pairs.push(one, one.mul(2)); } return pairs; };
      let held = makePairs();
      await nt.sync();
      const before = backend.memory();
      held = null; // forgotten, never disposed
      for (let round = 0; round < 20 && backend.memory().buffers > 0; round++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await nt.sync(); // the batch the releases waited for completes: the buffers are free
      const collected = backend.memory();
      const again = makePairs();
      await nt.sync();
      const reused = backend.memory();
      console.log(JSON.stringify({ before, collected, reused }));
      process.exit(0);
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { before, collected, reused } = JSON.parse(output.trim().split('\n').pop()!);
    // 50 products and 50 ones (the scalar 2 is a cached constant, counted per use).
    expect(before.buffers).toBeGreaterThanOrEqual(100);
    expect(collected.buffers).toBe(0);
    expect(collected.pool.bytes).toBeGreaterThanOrEqual(100 * 4000);
    // The same tensors again come from the pool: it shrinks instead of the device growing.
    expect(reused.buffers).toBe(before.buffers);
    expect(reused.pool.bytes).toBeLessThan(collected.pool.bytes);
  });
});
