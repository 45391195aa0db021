// Neurite against TF.js (WebAssembly and pure-JS backends) and PyTorch, in one run, as ratios.
//
//   pnpm bench                     every case in src/cases/
//   pnpm bench -- matmul           only cases whose file name contains "matmul"
//   pnpm bench -- --backend webgpu Neurite on WebGPU against Neurite on the CPU (backend-comparison.mjs)
//
// A case is one file in src/cases/ exporting `name`, `neurite({ neurite, measure })` and
// `tfjs({ tf, measure, backend })`, each returning rows `{ id, label, unit, higherIsBetter, value,
// note?, goal? }` with the same ids; torch-peers.py measures PyTorch for the same ids. Adding a
// benchmark means adding one such file (and its PyTorch twin). Results also go to
// bench/results/latest.json (not committed).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, peerTable } from './harness.mjs';
import { comparePeers } from './peer-comparison.mjs';

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

const caseFiles = readdirSync(join(here, 'cases'))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (caseFiles.length === 0) {
  console.error(`bench: no case matches ${filters.join(', ')}`);
  process.exit(2);
}
const cases = [];
for (const file of caseFiles) {
  const path = join(here, 'cases', file);
  cases.push({ module: await import(pathToFileURL(path).href), file: path });
}

const require = createRequire(import.meta.url);
const info = { ...machine(), neurite: require('@neurite/tensor/package.json').version };
console.log(`machine: ${info.cpu} (${info.cores} cores), Node ${info.node}, ${info.platform}\n`);
const started = Date.now();
const comparison = await comparePeers(cases);
console.log(`\n${peerTable(comparison.rows)}\n`);
console.log('vs = Neurite speed / peer speed (> 1: Neurite is faster). PyTorch: one thread (OMP/OpenBLAS 1).');
console.log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);

mkdirSync(resultsDir, { recursive: true });
const output = join(resultsDir, 'latest.json');
writeFileSync(output, `${JSON.stringify({ date: new Date().toISOString(), machine: info, ...comparison }, null, 2)}\n`);
console.log(`results written to ${output}`);
