// Neurite on the CPU against what a user would pick instead, in one process and one run:
// TF.js's WebAssembly backend (XNNPACK, SIMD, one thread in Node), TF.js's pure-JS backend where
// it finishes quickly, and PyTorch on one thread when Debian's python3-torch is installed (run
// through torch-peers.py; the bench never needs Python).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as neurite from 'neurite';
import * as tf from '@tensorflow/tfjs';
import { measure } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));

async function runAll(cases, side, context) {
  const rows = [];
  for (const benchCase of cases) {
    if (typeof benchCase[side] !== 'function') continue;
    process.stdout.write(`  ${benchCase.name} ... `);
    const started = Date.now();
    rows.push(...(await benchCase[side](context)));
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return rows;
}

async function tfjsRows(cases, backend) {
  tf.enableProdMode(); // no debug checks, no "install tfjs-node" banner: TF.js at its fastest
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm'); // registers 'wasm'
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend '${backend}' did not initialise`);
  await tf.ready();
  const before = tf.memory().numTensors;
  const rows = await runAll(cases, 'tfjs', { tf, measure, backend });
  const leaked = tf.memory().numTensors - before;
  if (leaked) console.warn(`  warning: TF.js ${backend} cases left ${leaked} tensors alive`);
  return rows;
}

/** The first Python that has torch: Debian's (where apt installs python3-torch), then the PATH's. */
function pythonWithTorch() {
  return ['/usr/bin/python3', 'python3'].find((python) => {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    return !probe.error && probe.status === 0;
  });
}

/** PyTorch's figures by row id, or the reason there are none. */
function torchRows(ids) {
  const python = pythonWithTorch();
  if (python === undefined) {
    return { reason: 'PyTorch is not installed (apt-get install python3-torch python3-numpy libopenblas0-pthread)' };
  }
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = spawnSync(python, [join(here, 'torch-peers.py'), ...ids], { encoding: 'utf8', env, maxBuffer: 1 << 20 });
  if (result.status !== 0) return { reason: `torch-peers.py failed: ${result.stderr.trim().split('\n').pop()}` };
  return { version: JSON.parse(result.stdout).version, values: JSON.parse(result.stdout).values };
}

export async function comparePeers(cases) {
  await neurite.setBackend('cpu');
  const kernelPath = neurite.getBackend().kernelPath ?? 'typescript';
  console.log(`Neurite (cpu, ${kernelPath} kernels):`);
  const before = neurite.memory().tensors;
  const ours = await runAll(cases, 'neurite', { neurite, measure });
  if (neurite.memory().tensors !== before) console.warn(`  warning: Neurite cases left ${neurite.memory().tensors - before} tensors alive`);
  console.log(`TF.js ${tf.version.tfjs}, wasm backend:`);
  const wasm = await tfjsRows(cases, 'wasm');
  console.log('TF.js, pure-JS cpu backend:');
  const cpu = await tfjsRows(cases, 'cpu');
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
  return { rows, kernelPath, tfjs: tf.version.tfjs, torch: torch.version ?? null, torchReason: torch.reason ?? null };
}
