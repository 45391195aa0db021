import { afterAll, describe, it } from 'vitest';
import { describeBackendConformance } from '@neurite/backend/conformance';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWorkerBackend, type WorkerBackend } from '@neurite/backend-worker';
import { kernelCases, registerKernels } from './kernel-cases.js';

/**
 * The worker pool splits cnn's wasm kernels among its threads (by images, or by the weight
 * gradient's output rows: `WasmKernelSource.split`). Bit for bit the CPU backend's results,
 * whatever the pool's size, with every call split however small.
 */
const made: WorkerBackend[] = [];
afterAll(() => {
  for (const backend of made) backend.dispose();
});

for (const workers of [1, 2, 3]) {
  describe(`cnn kernels on a worker pool of ${workers}, every call split`, () => {
    describeBackendConformance({ describe, it }, {
      backend: async () => {
        const backend = createWorkerBackend({ name: `worker-${workers}-split`, workers, thresholds: { inlineMaxElements: -1, splitMinElements: 1, splitMinProducts: 1 } });
        made.push(backend);
        await backend.initialize();
        return backend;
      },
      reference: createCpuBackend(),
      primitives: false,
      extensionCases: kernelCases,
      prepare: registerKernels,
      exact: true,
    });
  });
}
