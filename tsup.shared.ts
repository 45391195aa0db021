import { defineConfig, type Options } from 'tsup';

/**
 * esbuild writes a class whose body names itself as `var Linear = class _Linear { … new _Linear() … }`,
 * and `_Linear` is then the class's `name`: in module printouts, in `console.log(tensor)` and in
 * error messages. This gives the inner binding the outer name again, padded with a space so that
 * every column (and so the source map) stays where it was. Inside the class body the two names are
 * the same class, and esbuild keeps `_Linear` unique in the file. (esbuild's own keepNames would do
 * it with a static block per class, which keeps bundlers from dropping unused classes: the MLP
 * program of the size budget grew by a third.)
 */
const classNames = {
  name: 'class-names',
  renderChunk(code: string) {
    let renamed = code;
    for (const [, name] of code.matchAll(/\bvar (\w+) = class _\1\b/g)) {
      renamed = renamed.replace(new RegExp(`\\b_${name}\\b`, 'g'), `${name} `);
    }
    return renamed === code ? undefined : { code: renamed };
  },
};

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
    plugins: [classNames],
    ...extra,
  });
}
