import { afterAll, describe, expect, it } from 'vitest';
import { describeBackendConformance } from '@neurite/backend/conformance';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWorkerBackend, type WorkerBackend } from './index.js';

// Runs in Node and in Chromium (Web Workers; the browser test server sends COOP/COEP, so the page
// is cross-origin isolated and has SharedArrayBuffer).
const made: WorkerBackend[] = [];
afterAll(() => {
  for (const backend of made) backend.dispose();
});

describe('this page or process can share memory', () => {
  it('is cross-origin isolated where it is a page', () => {
    const scope = globalThis as { crossOriginIsolated?: boolean; window?: unknown };
    expect(typeof SharedArrayBuffer).toBe('function');
    if (scope.window !== undefined) expect(scope.crossOriginIsolated).toBe(true);
  });
});

describe('a pool of 2 in this environment, every op on the workers', () => {
  describeBackendConformance({ describe, it }, {
    backend: async () => {
      const backend = createWorkerBackend({ name: 'worker-here', workers: 2, thresholds: { inlineMaxElements: -1, splitMinElements: 1, splitMinProducts: 1 } });
      made.push(backend);
      await backend.initialize();
      return backend;
    },
    reference: createCpuBackend(),
    exact: true,
  });
});
