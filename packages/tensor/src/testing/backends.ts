// The package's public entry, not its sources: one copy of the registry and of Tensor with the code under test.
import { backends, getBackend, setBackend } from '@neurite/tensor';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createQueuedBackend } from '@neurite/backend-cpu/testing';

/**
 * Which backends the backend-generic suites run on: one switch, the environment variable
 * `NEURITE_BACKENDS` (comma-separated names, e.g. `cpu,webgpu`). Unset: `cpu` (WebAssembly SIMD
 * kernels where the engine has them), `cpu-typescript` (the CPU backend forced onto its TypeScript
 * kernels, the path engines without SIMD take), `queued` (the CPU kernels run later, in order,
 * reads asynchronous only), and `worker` and `webgpu` where the test set-up registered them (they
 * can run here; where they cannot, the set-up says so, or fails in CI).
 */
export const BACKENDS_VARIABLE = 'NEURITE_BACKENDS';
const DEFAULT_BACKENDS = ['cpu', 'cpu-typescript', 'queued'];

function requestedBackends(): string[] {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const requested = environment?.[BACKENDS_VARIABLE];
  if (!requested) return [...DEFAULT_BACKENDS, ...['worker', 'webgpu'].filter((name) => backends.has(name))];
  const names = requested.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new Error(`${BACKENDS_VARIABLE} is set but names no backend (got '${requested}')`);
  return names;
}

/**
 * The backend names the suites run on, registering the test backends they name (`cpu-typescript`,
 * `queued`, and `queued-fused`, which also runs softmax and logSoftmax as fused kernels). Other names must be
 * registered by the caller (the WebGPU package registers `webgpu`).
 */
export function backendsUnderTest(): string[] {
  const names = requestedBackends();
  // Queued work runs on a microtask here: still after the call returns, in order, with reads
  // asynchronous only, but without yielding to the event loop, where the FinalizationRegistry would
  // free other tests' garbage and move the live-tensor counts that memory tests compare.
  // (`createQueuedBackend()` defaults to a timer; its own tests and the MNIST run use that.)
  if (names.includes('queued') && !backends.has('queued')) backends.register('queued', () => createQueuedBackend({ schedule: 'microtask' }));
  if (names.includes('cpu-typescript') && !backends.has('cpu-typescript')) {
    backends.register('cpu-typescript', () => createCpuBackend({ name: 'cpu-typescript', kernels: 'typescript' }));
  }
  if (names.includes('queued-fused') && !backends.has('queued-fused')) {
    backends.register('queued-fused', () => createQueuedBackend({ name: 'queued-fused', fused: true, schedule: 'microtask' }));
  }
  return names;
}

/** The vitest/jest-style functions `describeEachBackend` registers with. */
export interface BackendSuiteRegistrar {
  describe(name: string, body: () => void): void;
  beforeAll(body: () => Promise<void>): void;
  afterAll(body: () => Promise<void>): void;
}

/**
 * Registers `body` once per backend under test, with that backend active inside it (the previous
 * one is restored after): `describeEachBackend({ describe, beforeAll, afterAll }, 'Linear', () => …)`.
 * Tensors must be made inside the tests, not while the suite is being collected.
 */
export function describeEachBackend(test: BackendSuiteRegistrar, title: string, body: (backend: string) => void): void {
  for (const name of backendsUnderTest()) {
    test.describe(`${title} [${name}]`, () => {
      let previous = 'cpu';
      test.beforeAll(async () => {
        previous = getBackend().name;
        await setBackend(name);
      });
      test.afterAll(async () => {
        await setBackend(previous);
      });
      body(name);
    });
  }
}
