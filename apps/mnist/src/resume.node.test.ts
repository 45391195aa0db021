import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as nn from '@neurite/nn';

/** The built CLI, run as a user runs it, in a child process that can be killed. */
const cli = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const common = ['--epochs', '3', '--limit', '1500', '--seed', '3'];

interface Run { code: number | null; signal: NodeJS.Signals | null; output: string }

/** Runs the CLI; `when(output, child)` is called on each chunk of output (to kill or interrupt it). */
function run(args: string[], when?: (output: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      when?.(output, child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

function weights(path: string): Record<string, Float32Array> {
  const tensors = nn.loadSafetensors(new Uint8Array(readFileSync(path)));
  return Object.fromEntries(Object.entries(tensors).filter(([k]) => k.startsWith('model.')).map(([k, t]) => [k, t.dataSync() as Float32Array]));
}

/** The first weight that differs (bit for bit), or null: a readable failure without a huge diff. */
function firstDifference(a: Record<string, Float32Array>, b: Record<string, Float32Array>): string | null {
  if (Object.keys(a).join() !== Object.keys(b).join()) return `keys differ: ${Object.keys(a)} vs ${Object.keys(b)}`;
  for (const key of Object.keys(a)) {
    const index = a[key].findIndex((value, i) => !Object.is(value, b[key][i]));
    if (index >= 0) return `${key}[${index}]: ${a[key][index]} vs ${b[key][index]}`;
  }
  return null;
}

describe('checkpoints and --resume', () => {
  const folder = mkdtempSync(join(tmpdir(), 'neurite-resume-'));
  const uninterrupted = join(folder, 'uninterrupted.safetensors');

  it('an uninterrupted run, as the reference', async () => {
    const result = await run([...common, '--out', uninterrupted]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/training time: \d+\.\d s \(evaluation and checkpoints included\)/);
    expect(result.output).toMatch(/final test accuracy: \d+\.\d+%/);
    expect(result.output).toMatch(/confusion matrix:/);
  });

  it('SIGKILL between epochs, then --resume, ends with the same weights', async () => {
    const path = join(folder, 'killed.safetensors');
    let killed = false;
    const first = await run([...common, '--out', path], (output, child) => {
      if (!killed && output.includes('epoch 1: test accuracy')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    expect(first.signal).toBe('SIGKILL');
    const resumed = await run([...common, '--out', path, '--resume']);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toMatch(/resuming from .*: epoch 2, batch 0/);
    expect(firstDifference(weights(path), weights(uninterrupted))).toBeNull();
  });

  it('Ctrl-C mid-epoch saves a checkpoint that --resume finishes identically', async () => {
    const path = join(folder, 'interrupted.safetensors');
    let interrupted = false;
    const first = await run([...common, '--out', path], (output, child) => {
      if (!interrupted && /epoch 2\/3 \[/.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(first.code, first.output).toBe(130);
    expect(first.output).toMatch(/stopped after batch \d+ of epoch 2; checkpoint saved/);
    const resumed = await run([...common, '--out', path, '--resume']);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toMatch(/resuming from .*: epoch 2, batch [1-9]\d*/);
    expect(firstDifference(weights(path), weights(uninterrupted))).toBeNull();
  });

  it('a bad option prints the usage and fails', async () => {
    const result = await run(['--epochs', 'many']);
    expect(result.code).toBe(2);
    expect(result.output).toContain("error: --epochs needs a positive integer, got 'many'");
    expect(result.output).toContain('Usage:');
  });
});
