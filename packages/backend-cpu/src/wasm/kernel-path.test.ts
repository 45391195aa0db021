import { describe, expect, it } from 'vitest';
import { wasmFeatures } from './kernel-module.js';
import { createCpuBackend } from '../cpu-backend.js';

describe('the kernel path', () => {
  it('is WebAssembly SIMD on this engine (Node 20 has SIMD, relaxed SIMD only behind a flag; Chromium has both)', () => {
    const features = wasmFeatures();
    expect(features.simd).toBe(true);
    // Chromium (114+) has relaxed SIMD, so its run of this package's tests covers the relaxed kernels.
    if (typeof window !== 'undefined') expect(features.relaxedSimd).toBe(true);
    expect(createCpuBackend().kernelPath).toBe(features.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd');
  });

  it('is TypeScript when forced, as on engines without SIMD', () => {
    expect(createCpuBackend({ kernels: 'typescript' }).kernelPath).toBe('typescript');
  });
});
