import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// The library in ESM and CJS (shims give the CJS build an import.meta.url to find the worker script
// by); the worker script in ESM only: it is loaded as a module worker in Node and browsers, and it
// awaits at the top level. Both builds write dist/, so neither cleans it.
const library = packageBuild({ index: 'src/index.ts' }, { shims: true, clean: false }) as Options;
export default defineConfig([
  library,
  { entry: { worker: 'src/worker.ts' }, format: ['esm'], dts: false, sourcemap: true, target: 'es2022', clean: false, splitting: false, treeshake: true },
]);
