import { defineConfig, type Options } from 'tsup';

/** The build every package uses: ESM + CJS + .d.ts from the given entry points. */
export function packageBuild(entry: Record<string, string> | string[] = ['src/index.ts'], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
    ...extra,
  });
}
