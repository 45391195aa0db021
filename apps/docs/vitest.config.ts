import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/**
 * The docs' tests: the guides' code blocks, the built site's links, the site in Chromium. Not
 * `nodeTests` from vitest.shared.ts: its set-up starts WebGPU and registers backends for the
 * library's backend-generic suites, which these tests do not have (the code blocks run in child
 * processes of their own). The report goes where CI counts it, as nodeTests writes it.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // One file at a time: each one keeps the two cores busy (block runs, Chromium).
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: fileURLToPath(new URL('../../.vitest-reports/docs.node.json', import.meta.url)) },
  },
});
