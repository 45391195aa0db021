/**
 * `@neurite/nn/testing`: helpers for tests of layers, Neurite's own and plugin authors'. They throw
 * plain Errors, so they work with any test runner.
 */
export { checkTorchStateDict, loadTorchStateDict, fixtureInputs, flattenOutputs } from './torch-state-dict.js';
export type { StateDictFixture } from './torch-state-dict.js';
