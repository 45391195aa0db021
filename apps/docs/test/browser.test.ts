import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { app, distDir } from '../scripts/site-paths.mjs';
import { launchChromium, skipWithoutChromium } from '@neurite/test-chromium';
import { serveStatic, type StaticServer } from './browser/static-server.js';

/**
 * The built site in headless Chromium: pages render without console errors, the local search finds
 * a layer in the API reference, and code is highlighted. Screenshots of a guide (its top and its
 * first code block), an API page and the search results go to apps/docs/.screenshots/.
 */
const screenshots = join(app, '.screenshots');

describe.skipIf(skipWithoutChromium("the docs site's browser tests"))('the docs site in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(distDir)) throw new Error(`${distDir} is missing: build the site first (pnpm build in apps/docs)`);
    mkdirSync(screenshots, { recursive: true });
    server = await serveStatic(distDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`docs screenshots: ${screenshots}`);
  });

  /** Opens a path of the site; resolves to the page and the errors it logged or threw meanwhile. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status(), path).toBe(200);
    return { page, errors };
  }

  it('renders the home page', async () => {
    const { page, errors } = await open('/');
    await expect(page.title()).resolves.toMatch(/^Neurite/);
    expect(await page.locator('.VPHero .name').innerText()).toBe('Neurite');
    expect(await page.locator('.VPFeature').count()).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a guide with highlighted TypeScript, and screenshots it', async () => {
    const { page, errors } = await open('/guide/getting-started.html');
    expect(await page.locator('.vp-doc h1').first().innerText()).toMatch(/Getting started/);
    // Shiki colours each token with a span of its own; a block left plain would have one colour.
    const block = page.locator('div.language-ts pre.shiki').first();
    const colours = await block.locator('span[style]').evaluateAll((spans) => [...new Set(spans.map((span) => getComputedStyle(span).color))]);
    expect(colours.length).toBeGreaterThanOrEqual(4);
    // The sidebar lists the guides and the API reference.
    expect(await page.locator('.VPSidebar').innerText()).toMatch(/Guides[\s\S]*Memory[\s\S]*API reference[\s\S]*@neurite\/cnn/);
    await page.screenshot({ path: join(screenshots, 'guide-getting-started.png') });
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'guide-getting-started-code.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders an API page', async () => {
    const { page, errors } = await open('/api/cnn/classes/Conv2d.html');
    expect(await page.locator('.vp-doc h1').first().innerText()).toMatch(/Conv2d/);
    expect(await page.locator('.vp-doc').innerText()).toMatch(/forward/);
    await page.screenshot({ path: join(screenshots, 'api-cnn-conv2d.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds Conv2d with the local search, in the cnn API', async () => {
    const { page, errors } = await open('/guide/layers.html');
    await page.locator('.VPNavBarSearch .DocSearch-Button').click();
    const input = page.locator('.VPLocalSearchBox input.search-input');
    await input.fill('Conv2d');
    const results = page.locator('.VPLocalSearchBox ul.results a.result');
    await results.first().waitFor();
    const targets = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(targets.some((href) => href.includes('/api/cnn/'))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'search-conv2d.png') });
    // Following the result lands on the API page.
    await page.locator('.VPLocalSearchBox a.result[href*="/api/cnn/classes/Conv2d"]').first().click();
    // VitePress routes in the page (history.pushState): there is no load event to wait for.
    await page.waitForURL(/\/api\/cnn\//, { waitUntil: 'commit' });
    await page.locator('.vp-doc h1', { hasText: 'Conv2d' }).waitFor();
    expect(await page.locator('.vp-doc h1').first().innerText()).toMatch(/Conv2d/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
