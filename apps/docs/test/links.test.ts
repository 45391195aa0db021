import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { markdownFiles } from '../scripts/copy-guides.mjs';
import { distDir, docsDir } from '../scripts/site-paths.mjs';
import { brokenLink, htmlFiles, isInternal, readPage, type SitePage } from './links/site-pages.js';

/**
 * Every internal link of the built site (apps/docs/dist, from `pnpm build`) leads to a page that
 * exists, and every anchor to an id on that page: one test per page. VitePress's own dead-link check
 * at build time sees only Markdown links between pages; this also covers anchors, the sidebar, the
 * navigation and the links TypeDoc writes.
 */
if (!existsSync(distDir)) throw new Error(`${distDir} is missing: build the site first (pnpm build in apps/docs)`);
// 404.html is rendered in the browser (its HTML has no links of its own to check).
const files = htmlFiles(distDir).filter((file) => file !== '404.html');
const cache = new Map<string, SitePage>();
const pageAt = (file: string): SitePage => {
  let page = cache.get(file);
  if (!page) cache.set(file, (page = readPage(distDir, file)));
  return page;
};

describe('links of the built site', () => {
  it('has every guide and the API reference of each package', () => {
    const guides = markdownFiles(docsDir).filter((file) => file !== 'README.md').map((file) => file.replace(/\.md$/, '.html'));
    expect(guides.filter((guide) => !files.includes(guide))).toEqual([]);
    const guidePage = pageAt('guide/getting-started.html');
    // Every guide is reachable from the sidebar (a guide left out of guide-sidebar.ts would be an orphan).
    expect(guides.filter((guide) => !guidePage.links.includes(`/${guide}`))).toEqual([]);
    expect(files.filter((file) => /^api\/[^/]+\/index\.html$/.test(file)).length).toBeGreaterThanOrEqual(13);
  });

  for (const file of files) {
    it(`${file}: its internal links and anchors resolve`, () => {
      const page = pageAt(file);
      const internal = page.links.filter(isInternal);
      expect(internal.length, 'a page with no links at all means the HTML was not read right').toBeGreaterThan(0);
      const broken = internal.map((href) => brokenLink(distDir, page, href, pageAt)).filter((problem) => problem !== null);
      expect(broken).toEqual([]);
    });
  }
});
