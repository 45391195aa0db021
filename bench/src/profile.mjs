// Where Neurite's time goes in one bench case: `pnpm --filter @neurite/bench profile -- <case>`
// (a file name in src/cases/, e.g. cnn-epoch). Runs the case's Neurite side under V8's sampling
// profiler (node:inspector) and prints the functions with the most self time, WebAssembly kernels
// by name. This is how the figures the bench reports below their goals are explained.
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as neurite from 'neurite';
import { measure } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [caseName, top = '25'] = process.argv.slice(2).filter((a) => a !== '--');
if (!caseName) {
  console.error('usage: profile.mjs <case> [rows]   (a file name in src/cases/ without .mjs)');
  process.exit(2);
}
const benchCase = await import(pathToFileURL(join(here, 'cases', `${caseName}.mjs`)).href);
await neurite.setBackend('cpu');

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const rows = await benchCase.neurite({ neurite, measure });
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, index) => {
  const { callFrame } = nodes.get(id);
  const where = callFrame.url ? ` ${callFrame.url.split('/').slice(-3).join('/')}:${callFrame.lineNumber + 1}` : '';
  const key = `${callFrame.functionName || '(anonymous)'}${where}`;
  const delta = profile.timeDeltas[index] ?? 0;
  selfTime.set(key, (selfTime.get(key) ?? 0) + delta);
  total += delta;
});
for (const row of rows) console.log(`${row.label}: ${row.value.toFixed(2)} ${row.unit}`);
console.log(`\nself time, top ${top} of ${(total / 1e6).toFixed(1)} s sampled:`);
for (const [key, micros] of [...selfTime.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
}
