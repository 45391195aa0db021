import { afterAll, describe, it } from 'vitest';
import { describeBackendConformance } from '@neurite/backend/conformance';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWorkerBackend, type WorkerBackend } from './index.js';

const made: WorkerBackend[] = [];
afterAll(() => {
  for (const backend of made) backend.dispose();
});

/** A started pool; `forced`: every op on the workers and split however small (inline off, split thresholds 1). */
function pool(workers: number, forced: boolean): () => Promise<WorkerBackend> {
  return async () => {
    const backend = createWorkerBackend({
      name: `worker-${workers}${forced ? '-forced' : ''}`, workers,
      thresholds: forced ? { inlineMaxElements: -1, splitMinElements: 1, splitMinProducts: 1 } : undefined,
    });
    made.push(backend);
    await backend.initialize();
    return backend;
  };
}

// Bit for bit the CPU backend's results, whatever the pool's size and however each op is split.
for (const workers of [1, 2, 3]) {
  describe(`worker pool of ${workers}, every op on the workers and split`, () => {
    describeBackendConformance({ describe, it }, { backend: pool(workers, true), reference: createCpuBackend(), exact: true });
  });
}
describe('worker pool of 2, default thresholds (small ops on the calling thread)', () => {
  describeBackendConformance({ describe, it }, { backend: pool(2, false), reference: createCpuBackend(), exact: true });
});
