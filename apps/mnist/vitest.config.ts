import { nodeTests } from '../../vitest.shared.js';

// The CLI's tests (src/), the page's pure modules (web/src/) and the page itself driven in Chromium (web/test/).
export default nodeTests(import.meta.dirname, { include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'web/test/**/*.test.ts'], testTimeout: 120_000 });
