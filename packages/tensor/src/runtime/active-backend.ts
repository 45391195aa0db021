import type { Backend } from '@neurite/backend';
import { backends } from '@neurite/backend';
import { createCpuBackend } from '@neurite/backend-cpu';

/**
 * The backend new tensors are made on. With none set, the CPU backend is made and activated on
 * first use: no import has a side effect, yet `tensor([1, 2])` works without set-up.
 *
 * While a `setBackend` call is still pending this throws rather than guess: a tensor made on the
 * CPU (or on the previous backend) now would meet the new backend's tensors later, in an op
 * that refuses mixed backends, far from the missing `await`.
 */
export function getBackend(): Backend {
  const switching = backends.switching;
  if (switching !== undefined) {
    throw new Error(`getBackend: setBackend('${switching}') has not finished; await it before making tensors`);
  }
  return backends.active ?? activateCpuDefault();
}

function activateCpuDefault(): Backend {
  backends.activate(cpuInstance());
  return backends.active!;
}

/** The registry's CPU instance, made (synchronously, it needs no set-up) if there is none yet. */
export function cpuInstance(): Backend {
  const existing = backends.instance('cpu');
  if (existing) return existing;
  const cpu = createCpuBackend();
  backends.adopt(cpu);
  return cpu;
}

/** Makes `name` the active backend (awaiting its initialisation). */
export async function setBackend(name: string): Promise<Backend> {
  if (name === 'cpu' && !backends.has('cpu')) {
    activateCpuDefault();
    return backends.active!;
  }
  return backends.setBackend(name);
}

/**
 * Waits until every kernel queued so far on `backend` (default: the active one) has run, and
 * rejects with the first data error one of them met (e.g. a class label out of range).
 */
export function sync(backend: Backend = getBackend()): Promise<void> {
  return backend.sync();
}
