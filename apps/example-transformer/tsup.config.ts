import { defineConfig } from 'tsup';

// An app: the CLI entry (with a shebang), ESM only, no type declarations.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
});
