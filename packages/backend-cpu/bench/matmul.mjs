// Measures the float32 matmul kernel: `node bench/matmul.mjs` after `pnpm exec tsup`.
import { createCpuBackend } from '../dist/index.js';

const backend = createCpuBackend();
for (const n of [128, 256, 512, 1024]) {
  const values = () => Float32Array.from({ length: n * n }, () => Math.random() - 0.5);
  const a = { dataId: backend.upload(values(), 'float32'), shape: [n, n], dtype: 'float32' };
  const b = { dataId: backend.upload(values(), 'float32'), shape: [n, n], dtype: 'float32' };
  const output = { shape: [n, n], dtype: 'float32' };
  for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true]]) {
    const run = () => backend.release(backend.kernels.matmul([a, b], { transposeA, transposeB }, output));
    run();
    run();
    const repetitions = Math.max(2, Math.round(1e9 / (2 * n ** 3)));
    let best = Infinity;
    for (let trial = 0; trial < 3; trial++) {
      const start = performance.now();
      for (let r = 0; r < repetitions; r++) run();
      best = Math.min(best, (performance.now() - start) / repetitions);
    }
    const label = `${transposeA ? 'Aᵀ' : 'A'}${transposeB ? 'Bᵀ' : 'B'}`;
    console.log(`${n}x${n}x${n} ${label.padEnd(4)} ${best.toFixed(2).padStart(8)} ms  ${((2 * n ** 3) / best / 1e6).toFixed(2)} GFLOP/s`);
  }
}
