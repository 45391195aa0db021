// @ts-check
// Copies the guides into the site's source folder.
//
// Why copy instead of pointing VitePress's srcDir at docs/: the guides live in docs/ so they read
// well on GitHub, beside the architecture note and the plugin guide that other files link to; but
// the site also needs a home page and the generated API pages, which are build output and do not
// belong in docs/ (turbo hashes docs/ as an input of this build). So the site's source, site/, is
// assembled at build time: the guides, the home page (home.md) and the API reference.
//
// Links are rewritten on the way: a guide may link to a package README (readable on GitHub), which
// on the site is that package's API page, whose introduction is the README. Any other link that
// leaves docs/ has no page on the site and stops the build.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isExternal, resolveInRepository, rewriteMarkdownLinks, siteAddress } from './repo-links.mjs';

/**
 * Rewrites the Markdown links of one guide. `file` is its path relative to docs/, with '/'.
 * Links between guides stay as they are (the site keeps docs/'s layout).
 * @param {string} markdown
 * @param {string} file
 * @returns {string}
 */
export function rewriteLinks(markdown, file) {
  return rewriteMarkdownLinks(markdown, (target) => {
    if (isExternal(target)) return target;
    const { path, anchor } = resolveInRepository(`docs/${file}`, target);
    if (path.startsWith('docs/')) return target;
    const address = siteAddress(path, anchor);
    if (address === null) throw new Error(`copy-guides: docs/${file} links to ${target}, which is outside docs/ and has no page on the site`);
    return address;
  });
}

/**
 * The files under `dir` whose name passes `keep`, relative to it, with '/', sorted.
 * @param {string} dir
 * @param {(name: string) => boolean} keep
 * @returns {string[]}
 */
function filesUnder(dir, keep) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\\/g, '/'))
    .sort();
}

/**
 * Every Markdown file under `dir`, relative to it, with '/'.
 * @param {string} dir
 * @returns {string[]}
 */
export function markdownFiles(dir) {
  return filesUnder(dir, (name) => name.endsWith('.md'));
}

/** Pictures the guides show (docs/images/…). */
const IMAGE = /\.(png|jpe?g|svg|webp)$/;

/**
 * Writes docs/**\/*.md (but docs/README.md, GitHub's index of the folder), the pictures they show
 * (kept at the same relative paths, so their links work on GitHub and on the site alike) and the
 * home page into siteDir.
 * @param {{ docsDir: string, homePage: string, siteDir: string, publicDir: string }} where
 * @returns {string[]} the guides copied, relative to docs/
 */
export function copyGuides({ docsDir, homePage, siteDir, publicDir }) {
  const guides = markdownFiles(docsDir).filter((file) => file !== 'README.md');
  for (const file of guides) {
    const target = join(siteDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rewriteLinks(readFileSync(join(docsDir, file), 'utf8'), file));
  }
  for (const file of filesUnder(docsDir, (name) => IMAGE.test(name))) {
    mkdirSync(dirname(join(siteDir, file)), { recursive: true });
    cpSync(join(docsDir, file), join(siteDir, file));
  }
  writeFileSync(join(siteDir, 'index.md'), readFileSync(homePage, 'utf8'));
  cpSync(publicDir, join(siteDir, 'public'), { recursive: true });
  return guides;
}
