import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

// Helpers for the page's tests: Chromium (from @neurite/test-chromium) driving the built page as
// `npm run mnist:web` serves it.

export const appDir = fileURLToPath(new URL('../../', import.meta.url));
export const builtPage = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

/** Serves dist/web with `vite preview` (the same server and headers as `npm run mnist:web`). */
export async function servePage(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(builtPage)) throw new Error(`${builtPage} is missing: build the app first (pnpm --filter @neurite/app-mnist build)`);
  const server: PreviewServer = await preview({ configFile: `${appDir}vite.config.ts`, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not say where it listens');
  return { url, close: () => server.close() };
}

/** What the page measured about its own main thread, collected from before its first script runs. */
export interface MainThreadRecord {
  readonly longTasks: readonly { readonly start: number; readonly duration: number }[];
  /** Each shift with the elements that moved (id, or tag and class). */
  readonly layoutShifts: readonly { readonly start: number; readonly value: number; readonly moved: readonly string[] }[];
}

/** Opens the page with long-task and layout-shift observers installed, collecting console errors. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const record = { longTasks: [] as { start: number; duration: number }[], layoutShifts: [] as { start: number; value: number; moved: string[] }[] };
    (window as unknown as { mainThread: typeof record }).mainThread = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
      const name = (node: Node | null | undefined) =>
        node instanceof Element ? node.id || `${node.tagName.toLowerCase()}.${node.className}` : (node?.nodeName ?? '?');
      for (const entry of list.getEntries() as Shift[]) {
        if (!entry.hadRecentInput) record.layoutShifts.push({ start: entry.startTime, value: entry.value, moved: (entry.sources ?? []).map((source) => name(source.node)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url);
  // The worker has probed the backends once the picker has options.
  await page.waitForFunction(() => (document.getElementById('backend') as HTMLSelectElement).options.length === 3);
  return { page, errors };
}

export function mainThreadRecord(page: Page): Promise<MainThreadRecord> {
  return page.evaluate(() => (window as unknown as { mainThread: MainThreadRecord }).mainThread);
}
