// @ts-check
// Where the docs site's inputs and build products are, for the build scripts and the tests.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/docs */
export const app = dirname(dirname(fileURLToPath(import.meta.url)));
/** The repository root. */
export const root = join(app, '..', '..');
/** The guides, as Markdown (committed). */
export const docsDir = join(root, 'docs');
/** The site's home page (committed). */
export const homePage = join(app, 'home.md');
/** Files served as they are: the logo (committed). */
export const publicDir = join(app, 'public');
/** What VitePress builds from, assembled by assemble-site.mjs (build output). */
export const siteDir = join(app, 'site');
/** The files TypeDoc reads, written by api-sources.mjs (build output). */
export const apiSourcesDir = join(app, '.api-sources');
/** The built site (build output; turbo caches it). */
export const distDir = join(app, 'dist');
