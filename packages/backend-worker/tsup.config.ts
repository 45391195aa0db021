import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// The library in ESM and CJS (shims give the CJS build an import.meta.url to find the worker script
// by); the worker script in ESM only, loaded as a module worker in Node and browsers. The worker
// script is self-contained, with its imports bundled in and no top-level await: a bundler that
// meets `new URL('../dist/worker.js', import.meta.url)` copies the file as an asset without
// resolving its imports (a bare specifier would not load in a browser), and webpack minifies it as
// a classic script. Both builds write dist/, so neither cleans it.
const library = packageBuild({ index: 'src/index.ts' }, { shims: true, clean: false }) as Options;
export default defineConfig([
  library,
  { entry: { worker: 'src/worker.ts' }, format: ['esm'], dts: false, sourcemap: true, target: 'es2022', clean: false, splitting: false, treeshake: true, noExternal: [/.*/] },
]);
