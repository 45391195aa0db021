import { WorkerBackend } from './worker-backend.js';
import type { WorkerBackendOptions } from './options.js';

export { WorkerBackend };
export type { WorkerBackendOptions };
export { ISOLATION_HEADERS, defaultWorkerCount, isolationProblem } from './environment.js';
export { INLINE_MAX_ELEMENTS } from './options.js';
export { SPLIT_MIN_ELEMENTS, SPLIT_MIN_PRODUCTS } from './partition.js';

/** A worker pool backend (see `WorkerBackend`); its threads start in `initialize()`, which `setBackend` awaits. */
export function createWorkerBackend(options: WorkerBackendOptions = {}): WorkerBackend {
  return new WorkerBackend(options);
}
