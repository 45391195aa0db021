export { conformanceCases } from './cases.js';
export type { ConformanceCase, ExtensionConformanceCase, InputSpec, ValueKind } from './cases.js';
export { checkConformanceCase, describeBackendConformance } from './run.js';
export type { ConformanceOptions, TestRegistrar, Tolerance } from './run.js';
