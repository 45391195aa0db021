// @ts-check
// The API reference documents what a user can import: every published package under packages/ and
// each entry of its package.json "exports". This finds those entries and the source file behind each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * @typedef {object} EntryPoint
 * @property {string} importName what a user imports, e.g. '@neurite/nn/functional'
 * @property {string} packageName e.g. '@neurite/nn'
 * @property {string} folder the package's folder under packages/, e.g. 'nn'
 * @property {string} subpath the "exports" key, e.g. './functional'
 * @property {string} source absolute path of the TypeScript file the entry is built from
 */

/**
 * The source of a built entry. tsup's entry map lives in each package's tsup.config.ts, which a
 * Node script cannot import; the packages follow one naming rule instead (dist/x.js is built from
 * src/x.ts, src/x/index.ts or src/x-entry.ts), and an entry that breaks it stops the build here
 * rather than going missing from the reference.
 * @param {string} packageDir
 * @param {string} distName the built file's name without extension, e.g. 'functional'
 */
function sourceOf(packageDir, distName) {
  const candidates = [`src/${distName}.ts`, `src/${distName}/index.ts`, `src/${distName}-entry.ts`];
  const found = candidates.map((candidate) => join(packageDir, candidate)).find((path) => existsSync(path));
  if (!found) throw new Error(`entry-points: no source for dist/${distName} of ${packageDir} (looked for ${candidates.join(', ')})`);
  return found;
}

/**
 * The types file an "exports" target names (conditions nest: { node: { import: { types, default } } }).
 * @param {unknown} target
 * @returns {string | undefined}
 */
function typesOf(target) {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  const conditions = /** @type {Record<string, unknown>} */ (target);
  if (typeof conditions.types === 'string') return conditions.types;
  // The Node build where a package has one (@neurite/data's reads files too): the fuller API.
  return typesOf(conditions.node) ?? typesOf(conditions.import) ?? typesOf(conditions.default);
}

/**
 * @typedef {object} Manifest
 * @property {string} name
 * @property {boolean} [private]
 * @property {string} [types]
 * @property {Record<string, unknown>} [exports]
 * @property {Record<string, string>} [dependencies]
 * @property {Record<string, string>} [peerDependencies]
 */

/**
 * Published packages with their folders, each after the packages it depends on. TypeDoc documents
 * a declaration on the page of the first entry point that exports it and links the others to it,
 * so `Tensor` must meet @neurite/tensor before the umbrella `neurite`, which re-exports it.
 * @param {string} packagesDir
 * @returns {{ folder: string, manifest: Manifest }[]}
 */
function packagesInDependencyOrder(packagesDir) {
  const all = readdirSync(packagesDir)
    .sort()
    .filter((folder) => existsSync(join(packagesDir, folder, 'package.json')))
    .map((folder) => ({ folder, manifest: /** @type {Manifest} */ (JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'))) }))
    .filter(({ manifest }) => !manifest.private);
  const byName = new Map(all.map((item) => [item.manifest.name, item]));
  /** @type {{ folder: string, manifest: Manifest }[]} */
  const ordered = [];
  const placed = new Set();
  /** @param {{ folder: string, manifest: Manifest }} item */
  const place = (item) => {
    if (placed.has(item)) return;
    placed.add(item);
    const { dependencies = {}, peerDependencies = {} } = item.manifest;
    for (const name of [...Object.keys(dependencies), ...Object.keys(peerDependencies)].sort()) {
      const dependency = byName.get(name);
      if (dependency) place(dependency);
    }
    ordered.push(item);
  };
  all.forEach(place);
  return ordered;
}

/**
 * Every documented entry of every published (not private) package under `packagesDir`, each
 * package after those it depends on. Exports without types (package.json, the worker pool's
 * worker script) have no API to document.
 * @param {string} packagesDir
 * @returns {EntryPoint[]}
 */
export function findEntryPoints(packagesDir) {
  /** @type {EntryPoint[]} */
  const entries = [];
  for (const { folder, manifest } of packagesInDependencyOrder(packagesDir)) {
    const exportsMap = /** @type {Record<string, unknown>} */ (manifest.exports ?? { '.': manifest.types });
    for (const [subpath, target] of Object.entries(exportsMap)) {
      const types = typesOf(target);
      if (!types) continue;
      entries.push({
        importName: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        packageName: manifest.name,
        folder,
        subpath,
        source: sourceOf(join(packagesDir, folder), basename(types).replace(/\.d\.ts$/, '')),
      });
    }
  }
  return entries;
}
