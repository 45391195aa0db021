import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { run, runOk } from './run.js';

const here = join(import.meta.dirname, '..');
const sizeLimit = join(here, 'node_modules', 'size-limit', 'bin.js');

interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

describe('bundle-size budgets (.size-limit.js: esbuild, minified and gzipped)', () => {
  it('the measured MLP program runs its ten training steps', async () => {
    await runOk(process.execPath, [join('size', 'train-mlp.js')], { cwd: here, timeoutMs: 60_000 });
  });

  it('every entry is within its limit', async () => {
    const { stdout, stderr } = await run(process.execPath, [sizeLimit, '--json'], { cwd: here, timeoutMs: 180_000 });
    const checks = JSON.parse(stdout) as SizeCheck[];
    console.log(checks.map(({ name, size, sizeLimit: limit }) => `${name}: ${(size / 1000).toFixed(1)} kB of ${(limit / 1000).toFixed(0)} kB`).join('\n'));
    expect(checks.map(({ name }) => name), stderr).toEqual([
      '@neurite/tensor, everything it exports',
      'a program that trains an MLP (tensor, nn, optim)',
      'neurite, the whole umbrella (without the MNIST digits)',
    ]);
    for (const check of checks) expect(check, check.name).toMatchObject({ passed: true });
  });
});
