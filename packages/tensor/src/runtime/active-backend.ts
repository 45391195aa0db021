import type { Backend } from '@neurite/backend';
import { backends } from '@neurite/backend';
import { createCpuBackend } from '@neurite/backend-cpu';

/**
 * The backend new tensors are made on. With none set, the CPU backend is made and activated on
 * first use: no import has a side effect, yet `tensor([1, 2])` works without set-up.
 */
export function getBackend(): Backend {
  return backends.active ?? activateCpuDefault();
}

function activateCpuDefault(): Backend {
  backends.activate(createCpuBackend());
  return backends.active!;
}

/** Makes `name` the active backend (awaiting its initialisation). */
export async function setBackend(name: string): Promise<Backend> {
  if (name === 'cpu' && !backends.has('cpu')) {
    activateCpuDefault();
    return backends.active!;
  }
  return backends.setBackend(name);
}
