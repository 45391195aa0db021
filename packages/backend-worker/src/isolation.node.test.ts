import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

/**
 * The worker backend in a page bundled as a user would bundle it (esbuild, default settings), served
 * by a plain HTTP server with and without the cross-origin isolation headers, in Debian's Chromium.
 */
const PAGE_ENTRY = `
import { createWorkerBackend } from '@neurite/backend-worker';
const backend = createWorkerBackend({ workers: 2 });
try {
  await backend.initialize();
  const x = backend.upload(new Float32Array([1, 2, 3]), 'float32');
  const y = backend.kernels.mul([{ dataId: x, shape: [3], dtype: 'float32' }, { dataId: x, shape: [3], dtype: 'float32' }], {}, { shape: [3], dtype: 'float32' });
  window.result = { ok: Array.from(await backend.read(y, 'float32', 3)), isolated: crossOriginIsolated };
} catch (error) {
  window.result = { error: error.message, isolated: crossOriginIsolated };
}`;

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const files = new Map<string, string>();
let browser: Browser;

async function bundle(entry: { contents: string } | string): Promise<string> {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: packageDir, loader: 'js' } }),
    bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function serve(headers: Record<string, string>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const body = files.get(request.url ?? '/');
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': request.url === '/' ? 'text/html' : 'text/javascript', ...headers }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  }));
}

async function resultOf(headers: Record<string, string>): Promise<{ ok?: number[]; error?: string; isolated: boolean }> {
  const { server, url } = await serve(headers);
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => (window as unknown as { result: { ok?: number[]; error?: string; isolated: boolean } }).result);
    await page.close();
    return result;
  } finally {
    server.close();
  }
}

beforeAll(async () => {
  files.set('/', '<!doctype html><script type="module" src="/page.js"></script>');
  files.set('/page.js', await bundle({ contents: PAGE_ENTRY }));
  // The library finds its worker at ../dist/worker.js from the module that loads it: here /dist/worker.js.
  files.set('/dist/worker.js', await bundle(fileURLToPath(new URL('../dist/worker.js', import.meta.url))));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('the worker backend in a bundled page', () => {
  it('without cross-origin isolation, initialize rejects saying so and naming the headers', async () => {
    const result = await resultOf({});
    expect(result.isolated).toBe(false);
    expect(result.error).toMatch(/^setBackend\('worker'\): this page is not cross-origin isolated, so SharedArrayBuffer.* is unavailable\. Serve the page with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/);
  });

  it('with COOP/COEP, runs on Web Workers', async () => {
    const result = await resultOf({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    expect(result).toEqual({ ok: [1, 4, 9], isolated: true });
  });
});
