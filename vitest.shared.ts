import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const reportsFolder = fileURLToPath(new URL('./.vitest-reports/', import.meta.url));
/** Registers the WebGPU backend for the backend-generic suites where it can run (see the file). */
const registerWebGpu = fileURLToPath(new URL('./tools/test-setup/register-webgpu.ts', import.meta.url));
/** Registers the worker pool backend for the backend-generic suites (see the file). */
const registerWorker = fileURLToPath(new URL('./tools/test-setup/register-worker.ts', import.meta.url));
/** Node only: collects garbage before each test, so finalizers do not move a test's memory counts. */
const collectGarbage = fileURLToPath(new URL('./tools/test-setup/collect-garbage.ts', import.meta.url));
/** Node only: finds out once per run whether WebGPU can start here. */
const webGpuEnvironment = fileURLToPath(new URL('./tools/test-setup/webgpu-environment.ts', import.meta.url));

/** Node test config for the package in `packageDir`; writes a JSON report CI counts. */
export function nodeTests(packageDir: string, options: { include?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ['src/**/*.test.ts'],
      // Generous: the backend-generic suites also run on WebGPU, which on a CI machine is a
      // software driver (SwiftShader) sharing two cores with another test process.
      testTimeout: options.testTimeout ?? 90_000,
      globalSetup: [webGpuEnvironment],
      setupFiles: [registerWebGpu, registerWorker, collectGarbage],
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
    server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
    test: {
      include: options.include ?? ['src/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/*.node.test.ts', ...(options.exclude ?? [])],
      testTimeout: 90_000,
      setupFiles: [registerWebGpu, registerWorker],
      reporters: ['default', 'json'],
      outputFile: { json: `${reportsFolder}${basename(packageDir)}.browser.json` },
      browser: {
        // Cross-origin isolation (COOP/COEP), which SharedArrayBuffer needs: the worker backend runs here too.
        // (Set on the server below; the test page and its workers are same-origin.)
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: {
            executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
            // --enable-unsafe-webgpu: Chromium on Linux keeps WebGPU behind it (it then gets SwiftShader without a GPU).
            args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
          },
        }),
        instances: [{ browser: 'chromium' }],
      },
    },
  });
}
