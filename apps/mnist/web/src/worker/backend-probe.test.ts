import { describe, expect, it } from 'vitest';
import { bestBackend, describeActiveBackend, describeAdapter, isSoftwareAdapter } from './backend-probe.js';

const swiftShader = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };
const gpu = { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060', isFallbackAdapter: false };

describe('the backend probe', () => {
  it('calls SwiftShader, llvmpipe and fallback adapters software, and a real GPU not', () => {
    expect(isSoftwareAdapter(swiftShader)).toBe(true);
    expect(isSoftwareAdapter({ ...gpu, isFallbackAdapter: false, vendor: 'mesa', architecture: 'llvmpipe' })).toBe(true);
    expect(isSoftwareAdapter({ ...gpu, isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter(gpu)).toBe(false);
  });

  it('names the adapter and says when it is software', () => {
    expect(describeAdapter(gpu)).toBe('NVIDIA GeForce RTX 3060, nvidia ampere');
    expect(describeAdapter(swiftShader)).toBe('google swiftshader: a software adapter (WebGPU emulated on the CPU, so slow)');
    expect(describeAdapter({ vendor: '', architecture: '', description: '' })).toBe('an adapter that does not name itself');
  });

  it('describes the backend in use', () => {
    expect(describeActiveBackend('webgpu', { adapter: swiftShader })).toEqual({ name: 'webgpu', detail: describeAdapter(swiftShader), softwareAdapter: true });
    expect(describeActiveBackend('worker', { workers: 4 })).toEqual({ name: 'worker', detail: '4 worker threads', softwareAdapter: false });
    expect(describeActiveBackend('cpu', {}).detail).toBe('one thread (the training worker)');
  });

  it('picks the first available backend, in the order WebGPU, worker pool, CPU', () => {
    const list = (webgpu: boolean, worker: boolean) => [
      { name: 'webgpu' as const, available: webgpu, note: '' },
      { name: 'worker' as const, available: worker, note: '' },
      { name: 'cpu' as const, available: true, note: '' },
    ];
    expect(bestBackend(list(true, true))).toBe('webgpu');
    expect(bestBackend(list(false, true))).toBe('worker');
    expect(bestBackend(list(false, false))).toBe('cpu');
  });
});
