/**
 * Neurite: the whole library from one import. Each part also installs alone as a scoped package
 * (@neurite/tensor, @neurite/nn, @neurite/optim, @neurite/data, the backends and the plugins).
 */
export * from '@neurite/tensor';
// Local exports take precedence over the star export: this setBackend knows the built-in backends.
export { setBackend, setBestBackend, registerBuiltInBackends } from './backends.js';
export * as nn from './nn.js';
export * as optim from '@neurite/optim';
export * as data from '@neurite/data';
export { BackendRegistry, type Backend, type BackendFactory } from '@neurite/backend';
// What a page needs to tell whether the worker backend can run there (cross-origin isolation).
export { isolationProblem, ISOLATION_HEADERS } from '@neurite/backend-worker';
