/**
 * `@neurite/backend-cpu/kernels`: the CPU backend's parts, for backends that run its kernels
 * elsewhere (the worker pool runs them on its threads, over a shared heap). Not needed to use
 * Neurite; the API here follows the CPU backend's internals and may change with them.
 */
export { Arena, sizeClass, WASM32_MAXIMUM_BYTES } from './wasm/arena.js';
export type { ArenaOptions, ScratchSpace } from './wasm/arena.js';
export {
  compilePluginKernel, instantiateWasmKernels, kernelModule, kernelScratchBytes, pluginKernelEntry, wasmFeatures,
} from './wasm/kernel-module.js';
export type { WasmFeatures, WasmKernelInstanceOptions, WasmKernels } from './wasm/kernel-module.js';
export { fusedOperandKernels, operandKernels } from './kernel-table.js';
export type { FusedOperandKernels, OperandKernelTable } from './kernel-table.js';
export { fusedUpdateOutputCount, runAdamUpdate, runSgdUpdate } from './fused-updates.js';
export type { FusedUpdateRunner } from './fused-updates.js';
export { wasmMatmulRowRange } from './kernels/matmul.js';
export type { CpuKernel, Operand } from './operand.js';
export { arrayNameOf, checkUploadValues, copyUploadValues } from './upload.js';
