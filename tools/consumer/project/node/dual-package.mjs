// The dual-package hazard: one program loads the ESM build of neurite (import) and the CommonJS
// build of @neurite/tensor and @neurite/backend (require, as a CommonJS dependency would).
import { createRequire } from 'node:module';
import * as esm from 'neurite';

const require = createRequire(import.meta.url);
const cjsTensor = require('@neurite/tensor');
const cjsBackend = require('@neurite/backend');

const result = { distinctCopies: cjsTensor.Tensor !== esm.Tensor };
// One registry: a backend set through one copy is the one the other copy makes tensors on.
await esm.setBackend('worker');
result.sameRegistry = cjsBackend.backends === (await import('@neurite/backend')).backends;
result.cjsSeesBackend = cjsTensor.getBackend().name;
result.cjsTensorBackend = cjsTensor.tensor([1, 2]).backend.name;
// Tensors of one copy cannot enter the other copy's ops: the error says why.
try {
  esm.tensor([1, 2]).add(cjsTensor.tensor([3, 4]));
  result.mixing = 'no error';
} catch (error) {
  result.mixing = error.message;
}
await esm.getBackend().dispose?.();
console.log(JSON.stringify(result));
