/**
 * `@neurite/tensor/testing`: helpers for tests, Neurite's own and plugin authors'. They throw plain
 * Errors, so they work with any test runner.
 */
export { expectClose } from './compare.js';
export { fromFixture, fromFixtures, expectTensorClose } from './fixtures.js';
export type { TensorFixture } from './fixtures.js';
export { backendsUnderTest, describeEachBackend, BACKENDS_VARIABLE } from './backends.js';
export type { BackendSuiteRegistrar } from './backends.js';
export { describeOpConformance } from './op-conformance.js';
export type { OpConformanceOptions, OpTestRegistrar } from './op-conformance.js';
export { describePluginKernelConformance } from './plugin-kernels.js';
export type { PluginKernelConformanceOptions } from './plugin-kernels.js';
