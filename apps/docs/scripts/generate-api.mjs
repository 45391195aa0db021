// @ts-check
// Generates the API reference as Markdown for VitePress: TypeDoc over every public entry point of
// the packages, rendered by typedoc-plugin-markdown with typedoc-vitepress-theme (VitePress anchors,
// and site/api/typedoc-sidebar.json for the sidebar). The output is build output, never committed.
import { Application, LogLevel } from 'typedoc';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findEntryPoints } from './entry-points.mjs';
import { writeApiSources } from './api-sources.mjs';

/**
 * Runs TypeDoc over the packages of the repository at `root`, writing siteDir/api/; resolves to the
 * number of entry points documented. Throws on any TypeDoc error or warning.
 * @param {{ root: string, siteDir: string, sourcesDir: string }} where sourcesDir: for the re-exporting files
 */
export async function generateApi({ root, siteDir, sourcesDir }) {
  const entries = findEntryPoints(join(root, 'packages'));
  const { tsconfig, files } = writeApiSources(entries, {
    outDir: sourcesDir,
    packagesDir: join(root, 'packages'),
    baseTsconfig: join(root, 'tsconfig.base.json'),
  });
  // Typed loosely: typedoc-plugin-markdown's and typedoc-vitepress-theme's options are not in
  // TypeDoc's option types (neither package extends them).
  /** @type {Partial<import('typedoc').TypeDocOptions> & Record<string, unknown>} */
  const options = {
    entryPoints: files,
    tsconfig,
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out: join(siteDir, 'api'),
    name: 'Neurite API',
    readme: 'none',
    // Paths without '@neurite/': /api/nn/functional/, not /api/@neurite/nn/functional/.
    excludeScopesInPaths: true,
    // One page per module, class and interface; functions, variables and types on their module's page.
    membersWithOwnFile: ['Class', 'Interface', 'Enum'],
    // The repository has no public URL to link sources to yet; a 'Defined in' without a link only adds noise.
    disableSources: true,
    excludePrivate: true,
    excludeInternal: true,
    // Members inherited from TypeScript's own types (Error's) are noise in a library reference.
    excludeExternals: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    // typedoc-vitepress-theme: sidebar links are relative to the VitePress source folder.
    docsRoot: siteDir,
    sidebar: { autoConfiguration: true, format: 'vitepress', pretty: true, collapsed: true },
    logLevel: LogLevel.Warn,
    treatWarningsAsErrors: true,
  };
  const typedoc = await Application.bootstrapWithPlugins(options);
  const project = await typedoc.convert();
  if (!project) throw new Error('generate-api: TypeDoc could not convert the project (see the messages above)');
  await typedoc.generateOutputs(project);
  if (typedoc.logger.hasErrors() || typedoc.logger.hasWarnings()) throw new Error('generate-api: TypeDoc reported problems (see above)');
  matchVitePressAnchors(join(siteDir, 'api'));
  return entries.length;
}

/**
 * Links into another page keep the member's underscores (`index.md#isolation_headers`), while
 * VitePress turns them into hyphens in the heading's id (`isolation-headers`), as it does every run
 * of characters that are not letters or digits. Rewrites the anchors of links between API pages to
 * VitePress's form (the site's link test checks every one of them).
 * @param {string} folder
 */
function matchVitePressAnchors(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/(\]\([^)\s#]*\.md#)([^)\s]+)\)/g, (_match, target, anchor) => `${target}${anchor.replace(/[_]+/g, '-').replace(/-{2,}/g, '-')})`);
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

