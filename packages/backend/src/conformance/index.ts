export { conformanceCases } from './cases.js';
export { edgeCases } from './edge-cases.js';
export type { ConformanceCase, ExtensionConformanceCase, InputSpec, ValueKind } from './cases.js';
export { checkConformanceCase, describeBackendConformance } from './run.js';
export type { ConformanceOptions, TestRegistrar, CaseCheckOptions } from './run.js';
export { firstMismatch, MAGNITUDE_RTOL } from './compare.js';
export type { Tolerance } from './compare.js';
