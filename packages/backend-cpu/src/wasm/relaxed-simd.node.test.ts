import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wasmFeatures } from './kernel-module.js';

/**
 * Node 20 runs relaxed SIMD only behind a flag (Node 22+ and Chromium have it on), so the fused
 * multiply-add variant of the kernels is tested in a child Node process started with that flag,
 * on the built package: the probe must find it, and matmul must still agree with a double-precision
 * reference (fused or not, each step rounds at most once more).
 */
describe('relaxed SIMD', () => {
  it('is probed at run time and used by matmul, which stays within float32 rounding of the reference', () => {
    const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `
      const { createCpuBackend, wasmFeatures } = await import(${JSON.stringify(entry)});
      const backend = createCpuBackend();
      const [m, k, n] = [67, 260, 17];
      const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i * 12.9898) * 0.5);
      const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i * 78.233) * 0.5);
      const product = backend.kernels.matmul(
        [{ dataId: backend.upload(a, 'float32'), shape: [m, k], dtype: 'float32' }, { dataId: backend.upload(b, 'float32'), shape: [k, n], dtype: 'float32' }],
        { transposeA: false, transposeB: false }, { shape: [m, n], dtype: 'float32' });
      const c = backend.readSync(product, 'float32', m * n);
      let worst = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let sum = 0, bound = 0;
        for (let p = 0; p < k; p++) { sum += a[i * k + p] * b[p * n + j]; bound += Math.abs(a[i * k + p] * b[p * n + j]); }
        worst = Math.max(worst, Math.abs(c[i * n + j] - sum) / ((k + 2) * 2 ** -24 * bound));
      }
      console.log(JSON.stringify({ features: wasmFeatures(), path: backend.kernelPath, worst }));
    `;
    // Where the engine has it on already (Node 22+), the flag is not needed (and may not exist).
    const flags = wasmFeatures().relaxedSimd ? [] : ['--experimental-wasm-relaxed-simd'];
    const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { features, path, worst } = JSON.parse(output.trim().split('\n').pop()!);
    expect(features).toEqual({ simd: true, relaxedSimd: true });
    expect(path).toBe('wasm-relaxed-simd');
    expect(worst).toBeLessThanOrEqual(1);
  });
});
