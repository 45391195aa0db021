import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const reportsFolder = fileURLToPath(new URL('./.vitest-reports/', import.meta.url));

/** Node test config for the package in `packageDir`; writes a JSON report CI counts. */
export function nodeTests(packageDir: string, options: { include?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ['src/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 20_000,
      reporters: ['default', 'json'],
      outputFile: { json: `${reportsFolder}${basename(packageDir)}.node.json` },
    },
  });
}

/**
 * The same tests in headless Chromium (Debian's `chromium`), proving the code runs in browsers.
 * Files that need Node end in `.node.test.ts` and are left out.
 */
export function browserTests(packageDir: string, options: { include?: string[]; exclude?: string[] } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ['src/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/*.node.test.ts', ...(options.exclude ?? [])],
      testTimeout: 30_000,
      reporters: ['default', 'json'],
      outputFile: { json: `${reportsFolder}${basename(packageDir)}.browser.json` },
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: {
            executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
          },
        }),
        instances: [{ browser: 'chromium' }],
      },
    },
  });
}
