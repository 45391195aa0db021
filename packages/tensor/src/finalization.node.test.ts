import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Forgotten tensors give their buffers back once garbage-collected. Needs a real collection, so it
 * runs the built package in a child Node process started with --expose-gc.
 */
describe('FinalizationRegistry safety net', () => {
  it('returns the buffers of tensors that were never disposed', () => {
    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const nt = await import(${JSON.stringify(entry)});
      const forget = () => { for (let i = 0; i < 50; i++) nt.ones([1000]).mul(2); };
      forget();
      const before = nt.memory();
      for (let round = 0; round < 20 && nt.memory().buffers > 0; round++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      console.log(JSON.stringify({ before, after: nt.memory() }));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { before, after } = JSON.parse(output.trim().split('\n').pop()!);
    expect(before.buffers).toBe(100);
    expect(after).toEqual({ tensors: 0, buffers: 0, bytes: 0 });
  });
});
