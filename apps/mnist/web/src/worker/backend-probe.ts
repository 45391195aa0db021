import { isolationProblem } from 'neurite';
import type { ActiveBackend, BackendAvailability, BackendName } from '../protocol.js';

/** The little of WebGPU's API the probe needs (the page does not depend on @webgpu/types). */
export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly description: string;
  readonly isFallbackAdapter?: boolean;
}
interface MinimalGpu {
  requestAdapter(): Promise<{ readonly info: AdapterInfo; readonly isFallbackAdapter?: boolean } | null>;
}

/**
 * Finds out which backends can run in this worker, and why not where one cannot, without starting
 * any of them: the page offers the available ones and explains the rest.
 */
export async function probeBackends(): Promise<BackendAvailability[]> {
  return [await probeWebGpu(), probeWorkerPool(), { name: 'cpu', available: true, note: 'the CPU kernels, on the training worker\'s own thread' }];
}

/** The best available one, in the order the library's setBestBackend() uses. */
export function bestBackend(backends: readonly BackendAvailability[]): BackendName {
  return backends.find((backend) => backend.available)?.name ?? 'cpu';
}

async function probeWebGpu(): Promise<BackendAvailability> {
  const gpu = (navigator as { gpu?: MinimalGpu }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, note: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { name: 'webgpu', available: false, note: 'no WebGPU adapter (WebGPU is turned off here, or no GPU driver is usable)' };
    // GPUAdapterInfo's fields are getters on its prototype: a spread would copy none of them.
    const { vendor, architecture, description } = adapter.info;
    const info = { vendor, architecture, description, isFallbackAdapter: adapter.info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false };
    return { name: 'webgpu', available: true, note: describeAdapter(info) };
  } catch (error) {
    return { name: 'webgpu', available: false, note: `requestAdapter() failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function probeWorkerPool(): BackendAvailability {
  const problem = isolationProblem();
  if (problem) return { name: 'worker', available: false, note: `not cross-origin isolated, so no SharedArrayBuffer: ${problem}` };
  const cores = navigator.hardwareConcurrency ?? 1;
  if (cores < 2) return { name: 'worker', available: false, note: 'this device reports one CPU core: a pool of threads would only add round trips' };
  return { name: 'worker', available: true, note: `the CPU kernels on ${cores} threads sharing one memory` };
}

/** True for adapters that run WebGPU on the CPU (SwiftShader, llvmpipe/lavapipe, WARP). */
export function isSoftwareAdapter(info: AdapterInfo): boolean {
  return Boolean(info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|warp|software/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
}

export function describeAdapter(info: AdapterInfo): string {
  const names = [info.description, [info.vendor, info.architecture].filter(Boolean).join(' ')].filter(Boolean);
  const name = names.length > 0 ? names.join(', ') : 'an adapter that does not name itself';
  return isSoftwareAdapter(info) ? `${name}: a software adapter (WebGPU emulated on the CPU, so slow)` : name;
}

/** The backend actually started, as the library reports it. */
export function describeActiveBackend(name: BackendName, backend: { readonly adapter?: AdapterInfo; readonly workers?: number }): ActiveBackend {
  if (name === 'webgpu' && backend.adapter) return { name, detail: describeAdapter(backend.adapter), softwareAdapter: isSoftwareAdapter(backend.adapter) };
  if (name === 'worker') return { name, detail: `${backend.workers ?? '?'} worker threads`, softwareAdapter: false };
  return { name, detail: 'one thread (the training worker)', softwareAdapter: false };
}
