import type { WorkerKernelModule } from '@neurite/tensor';

/**
 * Where a worker finds cnn's CPU functions: the built dist/worker-kernels.js. Written as '../dist/'
 * so that it resolves to the build both from dist/ and from src/, where the package's own tests
 * run. (The worker backend prefers the `wasm` form where the engine has SIMD; this is its path
 * without.)
 */
const WORKER_MODULE = new URL('../dist/worker-kernels.js', import.meta.url).href;

export function workerKernel(exportName: 'im2colCpu' | 'col2imCpu' | 'maxPoolIndicesCpu' | 'weightGradientCpu'): WorkerKernelModule {
  return { specifier: WORKER_MODULE, exportName };
}
