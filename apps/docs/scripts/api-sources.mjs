// @ts-check
// Writes the small TypeScript project TypeDoc reads: one file per public entry point that
// re-exports it, under the name a user imports, and a tsconfig that compiles every package from
// its sources.
//
// Why re-exporting files instead of the entry files themselves: TypeDoc names a module after its
// path ('nn/src/functional') unless the file's first comment has a `@module` tag, and the packages'
// sources are not ours to annotate. A re-exporting file carries the name ('@neurite/nn/functional')
// and the page's introduction (the package README, or the entry file's own opening comment).
// Why sources and not the published .d.ts files: declarations keep their links across packages
// (nn's `Tensor` is @neurite/tensor's class), and source links and comments survive.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isExternal, resolveInRepository, rewriteMarkdownLinks, siteAddress } from './repo-links.mjs';

/** @typedef {import('./entry-points.mjs').EntryPoint} EntryPoint */

/**
 * A file name for an import name: '@neurite/nn/functional' → 'neurite-nn-functional.ts'.
 * @param {string} importName
 */
export function shimFileName(importName) {
  return `${importName.replace(/^@/, '').replace(/[/]/g, '-')}.ts`;
}

/**
 * The introduction of an entry's page: the package README (less its title, which the page has) for
 * a package's main entry, else the entry file's opening doc comment.
 * @param {EntryPoint} entry
 * @param {string} packagesDir
 */
function introduction(entry, packagesDir) {
  if (entry.subpath === '.') {
    const readme = readFileSync(join(packagesDir, entry.folder, 'README.md'), 'utf8').replace(/^# .*\n+/, '');
    // Its relative links point into the repository: to a page of the site where there is one, else
    // the link goes and its text stays (a source file has no page here).
    return rewriteMarkdownLinks(readme, (target) => {
      if (isExternal(target)) return target;
      const { path, anchor } = resolveInRepository(`packages/${entry.folder}/README.md`, target);
      return siteAddress(path, anchor);
    });
  }
  const opening = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(entry.source, 'utf8'));
  if (!opening) return `The \`${entry.subpath}\` entry of \`${entry.packageName}\`.`;
  return opening[1].split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trim();
}

/**
 * A doc comment holding `text`: '*' + '/' would end it early, and a line that starts with '@'
 * outside a code fence would read as a TypeDoc tag, so both are escaped.
 * @param {string} text
 */
function docComment(text) {
  let inFence = false;
  const lines = text.trimEnd().split('\n').map((line) => {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const safe = line.replace(/\*\//g, '*&#47;');
    return !inFence && safe.startsWith('@') ? `\\${safe}` : safe;
  });
  return lines.map((line) => ` * ${line}`.trimEnd()).join('\n');
}

/**
 * Writes the re-exporting files and tsconfig.json into `outDir` (emptied first).
 * @param {EntryPoint[]} entries
 * @param {{ outDir: string, packagesDir: string, baseTsconfig: string }} where
 * @returns {{ tsconfig: string, files: string[] }}
 */
export function writeApiSources(entries, { outDir, packagesDir, baseTsconfig }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = entries.map((entry) => {
    const file = join(outDir, shimFileName(entry.importName));
    const target = relative(outDir, entry.source).replace(/\\/g, '/').replace(/\.ts$/, '.js');
    const comment = docComment(introduction(entry, packagesDir));
    writeFileSync(file, `/**\n${comment}\n *\n * @packageDocumentation\n * @module ${entry.importName}\n */\nexport * from '${target}';\n`);
    return file;
  });
  // Every import of a package resolves to its sources, so one program holds the whole library.
  /** @type {Record<string, string[]>} */
  const paths = {};
  for (const entry of entries) paths[entry.importName] = [entry.source];
  const tsconfig = join(outDir, 'tsconfig.json');
  const config = {
    extends: relative(dirname(tsconfig), baseTsconfig).replace(/\\/g, '/'),
    compilerOptions: { noEmit: true, skipLibCheck: true, paths },
    files: files.map((file) => `./${relative(outDir, file)}`),
  };
  writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  return { tsconfig, files };
}
