/**
 * Neurite: the whole library from one import. Each part also installs alone as a scoped package
 * (@neurite/tensor, @neurite/nn, @neurite/optim, @neurite/data, the backends and the plugins).
 */
export * from '@neurite/tensor';
export * as nn from './nn.js';
export * as optim from '@neurite/optim';
export * as data from '@neurite/data';
export { BackendRegistry, type Backend, type BackendFactory } from '@neurite/backend';
