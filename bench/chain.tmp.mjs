import * as neurite from 'neurite';
import { createWorkerBackend } from '@neurite/backend-worker';
neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers: Number(process.argv[2] ?? 2) }));
for (const name of ['cpu', 'w', 'cpu', 'w']) {
  await neurite.setBackend(name);
  const x = neurite.randn([64, 128]);
  let best = Infinity, enq = Infinity;
  for (let r = 0; r < 20; r++) {
    const t = performance.now();
    let y = x;
    for (let i = 0; i < 200; i++) { const z = y.mul(1.0001); if (y !== x) y.dispose(); y = z; }
    const te = performance.now();
    await y.data();
    best = Math.min(best, (performance.now() - t) / 200);
    enq = Math.min(enq, (te - t) / 200);
    y.dispose();
  }
  console.log(name, 'µs per dependent op [64,128]', (best * 1000).toFixed(1), 'enqueue', (enq * 1000).toFixed(1));
}
process.exit(0);
