import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenLink, isInternal, readPage, type SitePage } from './site-pages.js';

/** The checker itself, on a three-page site: what it must accept and what it must report. */
describe('the link checker', () => {
  const dist = mkdtempSync(join(tmpdir(), 'neurite-links-'));
  mkdirSync(join(dist, 'guide'));
  mkdirSync(join(dist, 'api', 'nn'), { recursive: true });
  writeFileSync(join(dist, 'guide', 'memory.html'), '<h2 id="tidy">tidy</h2><a href="#tidy">here</a><a href="./layers.html#conv2d">x</a><a href="/api/nn/">nn</a><a href="https://pytorch.org">out</a>');
  writeFileSync(join(dist, 'guide', 'layers.html'), '<h2 id="linear">Linear</h2><a href="memory.html#tidy-and-keep">x</a><a href="/guide/missing.html">y</a><a href="/guide/memory">clean</a>');
  writeFileSync(join(dist, 'api', 'nn', 'index.html'), '<h1 id="neurite%2Fnn">nn</h1><a href="../../guide/memory.html#tidy">back</a>');
  const pageAt = (file: string): SitePage => readPage(dist, file);
  const problems = (file: string) => pageAt(file).links.filter(isInternal).map((href) => brokenLink(dist, pageAt(file), href, pageAt));

  it('accepts links to pages, folders, clean URLs and existing anchors, and leaves other sites alone', () => {
    expect(pageAt('guide/memory.html').links.filter(isInternal)).toEqual(['#tidy', './layers.html#conv2d', '/api/nn/']);
    expect(problems('api/nn/index.html')).toEqual([null]);
    expect(problems('guide/layers.html')[2]).toBeNull();
  });

  it('reports a missing anchor and a missing page, naming them', () => {
    expect(problems('guide/memory.html')).toEqual([null, "./layers.html#conv2d: /guide/layers.html has no heading or element with id 'conv2d'", null]);
    expect(problems('guide/layers.html').slice(0, 2)).toEqual([
      "memory.html#tidy-and-keep: /guide/memory.html has no heading or element with id 'tidy-and-keep'",
      '/guide/missing.html: no page at /guide/missing.html',
    ]);
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));
});
