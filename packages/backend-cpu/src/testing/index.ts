/**
 * `@neurite/backend-cpu/testing`: a queued backend over the CPU kernels, for proving that code
 * above the backend works where work runs later and reads are asynchronous only.
 */
export { QueuedBackend, createQueuedBackend } from './queued-backend.js';
export type { QueuedBackendOptions } from './queued-backend.js';
