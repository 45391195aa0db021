import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

// Each bundler builds project/browser/main.js with its default settings: nothing Neurite-specific
// (no externals, aliases, polyfills or plugins). Each returns the folder to serve.

/** esbuild: bundle, ES modules with code splitting (so the digits' JSON stays in chunks of its own). */
export async function buildWithEsbuild(project: string, outFolder: string): Promise<{ folder: string; warnings: string[] }> {
  const result = await esbuild.build({
    absWorkingDir: project,
    entryPoints: ['browser/main.js'],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    outdir: outFolder,
    logLevel: 'silent',
  });
  await copyFile(join(project, 'browser', 'index.html'), join(outFolder, 'index.html'));
  return { folder: outFolder, warnings: result.warnings.map((warning) => warning.text) };
}

/** Vite: a production build of browser/index.html. */
export async function buildWithVite(project: string, outFolder: string): Promise<{ folder: string; warnings: string[] }> {
  const warnings: string[] = [];
  await viteBuild({
    root: join(project, 'browser'),
    configFile: false,
    logLevel: 'silent',
    customLogger: { info() {}, warn: (message) => warnings.push(message), warnOnce: (message) => warnings.push(message), error: (message) => warnings.push(message), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
    build: { outDir: outFolder, emptyOutDir: true },
  });
  // Rolldown's PLUGIN_TIMINGS note reports that Vite's own plugins took a share of the build time,
  // which depends on how busy the machine is: it says nothing about the packages.
  const relevant = warnings.filter((warning) => !/\[PLUGIN_TIMINGS\]/.test(warning));
  return { folder: outFolder, warnings: await withoutDigitChunkAdvice(relevant, join(outFolder, 'assets')) };
}

/**
 * Vite advises about chunks over 500 kB. Over that here are the ten digit files of the `mnist`
 * package (about 2 MB of JSON each, loaded only when mnist() is called), which is data; the advice
 * stays whenever any other chunk is that large.
 */
async function withoutDigitChunkAdvice(warnings: string[], assets: string): Promise<string[]> {
  const large = [];
  for (const name of await readdir(assets)) if ((await stat(join(assets, name))).size > 500 * 1000) large.push(name);
  const onlyDigits = large.length === 10 && large.every((name) => /^\d-[\w-]+\.js$/.test(name));
  return onlyDigits ? warnings.filter((warning) => !/Some chunks are larger than 500 kB/.test(warning)) : warnings;
}

/** webpack: production mode, the entry and the output folder given, nothing else. */
export async function buildWithWebpack(project: string, outFolder: string): Promise<{ folder: string; warnings: string[] }> {
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack({ mode: 'production', context: project, entry: './browser/main.js', output: { path: outFolder, filename: 'main.js' } }, (error, result) => {
      if (error || !result) reject(error ?? new Error('webpack gave no stats'));
      else resolve(result);
    });
  });
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  if (stats.hasErrors()) throw new Error(`webpack: ${info.errors?.map((error) => error.message).join('\n')}`);
  // webpack's own advice that the digits' chunks are large is about the data, not about Neurite.
  const warnings = (info.warnings ?? []).map((warning) => `${warning.moduleName ?? ''}: ${warning.message}`).filter((message) => !/asset size limit|entrypoint size limit|performance recommendations/.test(message));
  const html = (await readFile(join(project, 'browser', 'index.html'), 'utf8')).replace('<script type="module" src="./main.js"></script>', '<script src="./main.js"></script>');
  await mkdir(outFolder, { recursive: true });
  await writeFile(join(outFolder, 'index.html'), html);
  return { folder: outFolder, warnings };
}
