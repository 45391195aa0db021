/**
 * `@neurite/tensor/testing`: helpers for tests, Neurite's own and plugin authors'. They throw plain
 * Errors, so they work with any test runner.
 */
export { expectClose } from './compare.js';
export { describeOpConformance } from './op-conformance.js';
export type { OpConformanceOptions, OpTestRegistrar } from './op-conformance.js';
