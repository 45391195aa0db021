import { backends, setBackend as setTensorBackend, type Backend } from '@neurite/tensor';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWebGpuBackend } from '@neurite/backend-webgpu';
import { createWorkerBackend, defaultWorkerCount } from '@neurite/backend-worker';

/**
 * The backends that ship with Neurite, by priority: `setBestBackend()` tries the highest first:
 * WebGPU, then the worker pool where there are two cores or more (on one core its round trips only
 * cost; it stays available by name), then the CPU. They are registered the first time
 * `setBackend` or `setBestBackend` is called from this package, not on import: importing Neurite
 * has no effect of its own.
 */
function builtIn(): readonly { readonly name: string; readonly priority: number; readonly make: () => Backend }[] {
  return [
    { name: 'webgpu', priority: 2, make: () => createWebGpuBackend() },
    { name: 'worker', priority: defaultWorkerCount() >= 2 ? 1 : -1, make: () => createWorkerBackend() },
    { name: 'cpu', priority: 0, make: () => createCpuBackend() },
  ];
}

/** Registers the built-in backends under their names, leaving alone any name already registered. */
export function registerBuiltInBackends(): void {
  for (const { name, priority, make } of builtIn()) if (!backends.has(name)) backends.register(name, make, { priority });
}

/**
 * Makes `name` the active backend, awaiting its start: `'cpu'`, `'worker'` (a pool of threads;
 * in a browser the page must be cross-origin isolated), `'webgpu'` (navigator.gpu in a browser,
 * the optional `webgpu` package in Node), or any backend registered with `registerBackend`. Where
 * a backend cannot start it rejects saying why and what to install, enable or serve.
 */
export function setBackend(name: string): Promise<Backend> {
  registerBuiltInBackends();
  return setTensorBackend(name);
}

/**
 * Activates the best backend that starts here: WebGPU where there is an adapter, else the worker
 * pool (two cores or more, and in a browser cross-origin isolation), else the CPU (and any backend
 * registered with a higher priority before them). Resolves to the active backend.
 */
export async function setBestBackend(): Promise<Backend> {
  registerBuiltInBackends();
  await backends.setBestBackend();
  return backends.active!;
}
