import { backends, setBackend as setTensorBackend, type Backend } from '@neurite/tensor';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWebGpuBackend } from '@neurite/backend-webgpu';

/**
 * The backends that ship with Neurite, by priority: `setBestBackend()` tries the highest first.
 * They are registered the first time `setBackend` or `setBestBackend` is called from this package,
 * not on import: importing Neurite has no effect of its own.
 */
const BUILT_IN: readonly { readonly name: string; readonly priority: number; readonly make: () => Backend }[] = [
  { name: 'webgpu', priority: 2, make: () => createWebGpuBackend() },
  { name: 'cpu', priority: 0, make: () => createCpuBackend() },
];

/** Registers the built-in backends under their names, leaving alone any name already registered. */
export function registerBuiltInBackends(): void {
  for (const { name, priority, make } of BUILT_IN) if (!backends.has(name)) backends.register(name, make, { priority });
}

/**
 * Makes `name` the active backend, awaiting its start: `'cpu'`, `'webgpu'` (navigator.gpu in a
 * browser, the optional `webgpu` package in Node), or any backend registered with `registerBackend`.
 * Where WebGPU cannot start it rejects saying why and what to install or enable.
 */
export function setBackend(name: string): Promise<Backend> {
  registerBuiltInBackends();
  return setTensorBackend(name);
}

/**
 * Activates the best backend that starts here: WebGPU where there is an adapter, else the CPU (and
 * any backend registered with a higher priority before them). Resolves to the active backend.
 */
export async function setBestBackend(): Promise<Backend> {
  registerBuiltInBackends();
  await backends.setBestBackend();
  return backends.active!;
}
