import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const reports = fileURLToPath(new URL('../../.vitest-reports/', import.meta.url));

// One file at a time: the files share the installed project, and the bundlers, tsc and Chromium
// each want both of the machine's cores.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    reporters: ['default', 'json'],
    outputFile: { json: `${reports}consumer.node.json` },
  },
});
