import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (or CHROMIUM_PATH): never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why browser checks cannot run here, or undefined when they can. Only a missing Chromium is a
 * reason, and under NEURITE_REQUIRE_ALL (CI) not even that: then this throws.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const reason = `no Chromium at ${chromiumPath} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.NEURITE_REQUIRE_ALL) throw new Error(`The consumer test's browser checks are required here (NEURITE_REQUIRE_ALL) but cannot run: ${reason}`);
  console.warn(`\n${'!'.repeat(72)}\nSKIPPED the consumer test's browser checks: ${reason}\n${'!'.repeat(72)}`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}

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
