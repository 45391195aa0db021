// One bench case on one library, in a process of its own: `node case-process.mjs SIDE CASE_FILE`,
// SIDE one of neurite, tfjs-wasm, tfjs-cpu. Prints its rows (and warnings) as one JSON line after
// ROWS_MARK. peer-comparison.mjs runs every (case, library) pair this way, so no case runs in a heap,
// JIT state or backend that earlier cases shaped: in one shared process TF.js's wasm matmul measured
// 16 GFLOP/s after the training cases and 38 alone, and Neurite's eager add 1.6 µs against 0.7.
import { pathToFileURL } from 'node:url';
import { measure } from './harness.mjs';

export const ROWS_MARK = '@@bench-rows ';

async function neuriteRows(benchCase) {
  const neurite = await import('neurite');
  await neurite.setBackend('cpu');
  const before = neurite.memory().tensors;
  const rows = await benchCase.neurite({ neurite, measure });
  const leaked = neurite.memory().tensors - before;
  return { rows, warnings: leaked ? [`Neurite ${benchCase.name} left ${leaked} tensors alive`] : [] };
}

async function tfjsRows(benchCase, backend) {
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode(); // no debug checks, no "install tfjs-node" banner: TF.js at its fastest
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm'); // registers 'wasm'
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend '${backend}' did not initialise`);
  await tf.ready();
  const before = tf.memory().numTensors;
  const rows = await benchCase.tfjs({ tf, measure, backend });
  const leaked = tf.memory().numTensors - before;
  return { rows, warnings: leaked ? [`TF.js ${backend} ${benchCase.name} left ${leaked} tensors alive`] : [] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [side, file] = process.argv.slice(2);
  const benchCase = await import(pathToFileURL(file).href);
  const result = side === 'neurite' ? await neuriteRows(benchCase) : await tfjsRows(benchCase, side.replace(/^tfjs-/, ''));
  process.stdout.write(`${ROWS_MARK}${JSON.stringify(result)}\n`);
  process.exit(0);
}
