import * as neurite from 'neurite';
import * as cnn from '@neurite/cnn';
import { createWorkerBackend } from '@neurite/backend-worker';
const workers = Number(process.argv[2]);
if (workers > 0) { neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers, thresholds: process.env.INLINE ? { inlineMaxElements: 1e9 } : undefined })); await neurite.setBackend('w'); } else await neurite.setBackend('cpu');
const x = neurite.randn([64, 1, 28, 28]); const w = neurite.randn([8, 1, 5, 5]);
async function time(label, fn) {
  let best = Infinity;
  for (let r = 0; r < 7; r++) { const t = performance.now(); for (let i = 0; i < 20; i++) await fn(); best = Math.min(best, (performance.now() - t) / 20); }
  console.log(workers, label, best.toFixed(3), 'ms');
}
await time('conv', async () => { const y = cnn.conv2d(x, w); await y.data(); y.dispose(); });
const cols = cnn.functional?.im2col ? null : null;
await time('randn-mul', async () => { const y = x.mul(x); await y.data(); y.dispose(); });
const big = neurite.randn([64, 25, 576]); const w2 = neurite.randn([8, 25]);
await time('bmm', async () => { const y = w2.matmul(big); await y.data(); y.dispose(); });
await time('bmm-pipelined x10', async () => { const ys = []; for (let i = 0; i < 10; i++) ys.push(w2.matmul(big)); await ys[9].data(); ys.forEach((y) => y.dispose()); });
process.exit(0);
