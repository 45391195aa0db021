import * as neurite from 'neurite';
import { createWorkerBackend } from '@neurite/backend-worker';
neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers: 1 })); await neurite.setBackend('w');
const big = neurite.randn([64, 25, 576]); const w2 = neurite.randn([8, 25]);
for (let i = 0; i < 30; i++) {
  const t0 = performance.timeOrigin + performance.now();
  const y = w2.matmul(big);
  const t1 = performance.timeOrigin + performance.now();
  const p = y.data();
  const t2 = performance.timeOrigin + performance.now();
  await p;
  const t3 = performance.timeOrigin + performance.now();
  if (i > 25) console.log('main enqueue', t0.toFixed(3), 'read called', t2.toFixed(3), 'resolved', t3.toFixed(3), 'total', (t3 - t0).toFixed(3));
  y.dispose();
  await new Promise((r) => setTimeout(r, 20));
}
process.exit(0);
