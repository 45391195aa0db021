import { defineConfig } from 'tsup';

// An app: the CLI entry (with a shebang) plus `train` as a module that tests drive in a child
// process. ESM only, no type declarations.
export default defineConfig({
  entry: { main: 'src/main.ts', train: 'src/train.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  splitting: true,
});
