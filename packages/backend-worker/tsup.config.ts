import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// The library in ESM and CJS (shims give the CJS build an import.meta.url to find the worker script
// by); the worker script in ESM only: it is loaded as a module worker in Node and browsers, and it
// awaits at the top level. The worker script is self-contained (its imports bundled in): a bundler
// that meets `new URL('../dist/worker.js', import.meta.url)` copies the file as an asset without
// resolving its imports, and a bare specifier would not load in a browser. Both builds write
// dist/, so neither cleans it.
const library = packageBuild({ index: 'src/index.ts' }, { shims: true, clean: false }) as Options;
export default defineConfig([
  library,
  { entry: { worker: 'src/worker.ts' }, format: ['esm'], dts: false, sourcemap: true, target: 'es2022', clean: false, splitting: false, treeshake: true, noExternal: [/.*/] },
]);
