// Neurite vs TensorFlow.js (pure-JS CPU backend), in the same process, reported as ratios.
//
//   pnpm bench                     every case in src/cases/
//   pnpm bench -- matmul           only cases whose file name contains "matmul"
//   pnpm bench -- --backend webgpu Neurite on WebGPU against Neurite on the CPU (backend-comparison.mjs)
//
// A case is one file in src/cases/ exporting `name` and `run({ neurite, tf, measure })`, which
// returns rows made with harness.row(). Adding a benchmark (MLP epoch, conv2d, LSTM, attention)
// means adding one such file. Results also go to bench/results/latest.json (not committed).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as neurite from '@neurite/tensor';
import * as tf from '@tensorflow/tfjs';
import { machine, measure, table } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => a !== '--');
const backendFlag = args.indexOf('--backend');
const backendName = backendFlag >= 0 ? args[backendFlag + 1] : 'cpu';
const filters = args.filter((_, i) => backendFlag < 0 || (i !== backendFlag && i !== backendFlag + 1));
const resultsDir = join(here, '..', 'results');

// --backend NAME (other than cpu): Neurite on that backend against Neurite on the CPU, same run.
if (backendName !== 'cpu') {
  const { compareBackends } = await import('./backend-comparison.mjs');
  const comparison = await compareBackends(backendName, filters);
  mkdirSync(resultsDir, { recursive: true });
  const output = join(resultsDir, `latest-${backendName}.json`);
  writeFileSync(output, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...comparison }, null, 2)}\n`);
  console.log(`results written to ${output}`);
  process.exit(0);
}

// TF.js: the pure-JS CPU backend (no native addon, like Neurite's default). Production mode turns
// off its debug checks and its "install tfjs-node" banner: we compare with TF.js at its fastest.
tf.enableProdMode();
await tf.setBackend('cpu');
await tf.ready();
await neurite.setBackend('cpu');

const require = createRequire(import.meta.url);
const versions = {
  neurite: require('@neurite/tensor/package.json').version,
  neuriteBackend: neurite.getBackend().name,
  tfjs: tf.version.tfjs,
  tfjsBackend: tf.getBackend(),
};
const info = { ...machine(), ...versions };

const caseFiles = readdirSync(join(here, 'cases'))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (caseFiles.length === 0) {
  console.error(`bench: no case matches ${filters.join(', ')}`);
  process.exit(2);
}

console.log(`machine: ${info.cpu} (${info.cores} cores), Node ${info.node}, ${info.platform}`);
console.log(`Neurite ${versions.neurite} on '${versions.neuriteBackend}' vs TF.js ${versions.tfjs} on '${versions.tfjsBackend}'\n`);

const rows = [];
for (const file of caseFiles) {
  const benchCase = await import(pathToFileURL(join(here, 'cases', file)).href);
  process.stdout.write(`running ${benchCase.name} ... `);
  const before = { neurite: neurite.memory().tensors, tf: tf.memory().numTensors };
  const started = Date.now();
  rows.push(...(await benchCase.run({ neurite, tf, measure })));
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  // A case that leaks tensors measures a growing heap: say so rather than report quietly.
  const leaked = { neurite: neurite.memory().tensors - before.neurite, tf: tf.memory().numTensors - before.tf };
  if (leaked.neurite || leaked.tf) console.warn(`  warning: ${benchCase.name} left tensors alive: ${JSON.stringify(leaked)}`);
}

console.log(`\n${table(rows)}\n\nratio = Neurite speed / TF.js speed (> 1: Neurite is faster)`);

mkdirSync(resultsDir, { recursive: true });
const output = join(resultsDir, 'latest.json');
writeFileSync(output, `${JSON.stringify({ date: new Date().toISOString(), machine: info, results: rows }, null, 2)}\n`);
console.log(`results written to ${output}`);
