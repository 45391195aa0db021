// Neurite on the CPU against what a user would pick instead, in one run: TF.js's WebAssembly
// backend (XNNPACK, SIMD, one thread in Node), TF.js's pure-JS backend where it finishes quickly,
// and PyTorch on one thread when Debian's python3-torch is installed (run through torch-peers.py;
// the bench never needs Python). Each case runs on each library in a fresh Node process
// (case-process.mjs), so cases cannot slow each other down.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as neurite from 'neurite';
import { ROWS_MARK } from './case-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tfPackage = createRequire(import.meta.url)('@tensorflow/tfjs/package.json');

/** Runs `side` of every case that has it, each in its own process; returns the rows. */
function runAll(cases, side) {
  const method = side === 'neurite' ? 'neurite' : 'tfjs';
  const rows = [];
  for (const { module, file } of cases) {
    if (typeof module[method] !== 'function') continue;
    process.stdout.write(`  ${module.name} ... `);
    const started = Date.now();
    const child = spawnSync(process.execPath, [join(here, 'case-process.mjs'), side, file], { encoding: 'utf8', maxBuffer: 16 << 20 });
    const line = child.stdout?.split('\n').find((text) => text.startsWith(ROWS_MARK));
    if (child.status !== 0 || line === undefined) {
      throw new Error(`bench: ${module.name} on ${side} failed (exit ${child.status}):\n${child.stderr}`);
    }
    const result = JSON.parse(line.slice(ROWS_MARK.length));
    rows.push(...result.rows);
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const warning of result.warnings) console.warn(`  warning: ${warning}`);
  }
  return rows;
}

/** The first Python that has torch: Debian's (where apt installs python3-torch), then the PATH's. */
function pythonWithTorch() {
  return ['/usr/bin/python3', 'python3'].find((python) => {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    return !probe.error && probe.status === 0;
  });
}

/** PyTorch's figures by row id on `threads` threads, or the reason there are none. */
export function torchRows(ids, threads = 1) {
  const python = pythonWithTorch();
  if (python === undefined) {
    return { reason: 'PyTorch is not installed (apt-get install python3-torch python3-numpy libopenblas0-pthread)' };
  }
  const count = String(threads);
  const env = { ...process.env, OMP_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count, MKL_NUM_THREADS: count, NEURITE_TORCH_THREADS: count };
  const result = spawnSync(python, [join(here, 'torch-peers.py'), ...ids], { encoding: 'utf8', env, maxBuffer: 1 << 20 });
  if (result.status !== 0) return { reason: `torch-peers.py failed: ${result.stderr.trim().split('\n').pop()}` };
  return { version: JSON.parse(result.stdout).version, values: JSON.parse(result.stdout).values };
}

/** `cases`: `{ module, file }` per case file (see main.mjs). */
export async function comparePeers(cases) {
  await neurite.setBackend('cpu');
  const kernelPath = neurite.getBackend().kernelPath ?? 'typescript';
  console.log(`Neurite (cpu, ${kernelPath} kernels), each case in its own process:`);
  const ours = runAll(cases, 'neurite');
  console.log(`TF.js ${tfPackage.version}, wasm backend:`);
  const wasm = runAll(cases, 'tfjs-wasm');
  console.log('TF.js, pure-JS cpu backend:');
  const cpu = runAll(cases, 'tfjs-cpu');
  console.log('PyTorch, one thread:');
  const torch = torchRows(ours.map((row) => row.id));
  console.log(`  ${torch.reason ?? `torch ${torch.version}`}`);

  const byId = (rows) => new Map(rows.map((row) => [row.id, row]));
  const [wasmById, cpuById] = [byId(wasm), byId(cpu)];
  const rows = ours.map((row) => ({
    ...row,
    peers: {
      tfjsWasm: wasmById.get(row.id) ?? null,
      tfjsCpu: cpuById.get(row.id) ?? null,
      torch: torch.values?.[row.id] !== undefined ? { value: torch.values[row.id] } : null,
    },
  }));
  return { rows, kernelPath, tfjs: tfPackage.version, torch: torch.version ?? null, torchReason: torch.reason ?? null };
}
