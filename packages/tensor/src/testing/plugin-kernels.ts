// The package's public entry, not its sources: one copy of the registry with the code under test.
import { backends, type Backend } from '@neurite/tensor';
import { createCpuBackend } from '@neurite/backend-cpu';
import { describeBackendConformance, type ExtensionConformanceCase, type TestRegistrar } from '@neurite/backend/conformance';
import { backendsUnderTest } from './backends.js';

export interface PluginKernelConformanceOptions {
  /** The plugin's kernel calls, compared with the CPU backend running the plugin's CPU form. */
  readonly cases: readonly ExtensionConformanceCase[];
  /** Registers the plugin's kernels on a backend (e.g. `op.registerOn(backend)` for each op). */
  readonly prepare: (backend: Backend) => void;
}

/**
 * A plugin's kernels through the backend conformance kit on every backend under test, each
 * compared with a fresh CPU backend running the plugin's CPU form (TypeScript kernels): the CPU
 * backend runs the wasm form where the plugin gives one, the queued backend the CPU form later,
 * WebGPU the WGSL form.
 */
export function describePluginKernelConformance(test: TestRegistrar, options: PluginKernelConformanceOptions): void {
  for (const name of backendsUnderTest()) {
    test.describe(`plugin kernels [${name}]`, () => {
      describeBackendConformance(test, {
        // 'cpu' is not in the registry until first used: a fresh one, reusing poisoned memory.
        backend: () => (name === 'cpu' ? Promise.resolve(createCpuBackend({ poisonReleased: true })) : backends.instantiate(name)),
        reference: createCpuBackend({ kernels: 'typescript' }),
        primitives: false,
        extensionCases: options.cases,
        prepare: options.prepare,
      });
    });
  }
}
