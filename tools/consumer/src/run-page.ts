import type { Browser } from '@neurite/test-chromium';

// Runs a test page that reports by writing JSON into #result.

export interface PageRun<T> {
  readonly result: T;
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[];
}

/** Opens `url`, waits until the page writes JSON into #result, and returns it with the page's errors. */
export async function runPage<T>(browser: Browser, url: string, timeoutMs = 180_000): Promise<PageRun<T>> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: timeoutMs });
    const text = await page.evaluate(() => document.getElementById('result')!.textContent!);
    return { result: JSON.parse(text) as T, errors };
  } finally {
    await page.close();
  }
}
