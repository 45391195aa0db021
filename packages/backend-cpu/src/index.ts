export { CpuBackend, createCpuBackend } from './cpu-backend.js';
export type { CpuBackendOptions, CpuKernelPath } from './cpu-backend.js';
export { wasmFeatures } from './wasm/kernel-module.js';
export type { WasmFeatures } from './wasm/kernel-module.js';
