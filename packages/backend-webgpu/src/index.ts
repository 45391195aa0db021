export { WebGpuBackend, createWebGpuBackend } from './webgpu-backend.js';
export type { WebGpuBackendOptions, WebGpuAdapterDescription } from './webgpu-backend.js';
export type { SessionMemory as WebGpuMemory } from './runtime/gpu-session.js';
