import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { Adam } from '@neurite/optim';
import { mnist } from '@neurite/data';
import * as neurite from 'neurite';
import { createWorkerBackend } from '@neurite/backend-worker';
import { neuriteTrainingStep } from './src/training-loops.mjs';
const kind = process.argv[2] ?? 'cnn';
const spins = process.env.NEURITE_SPINS;
neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers: 2 }));
const { train } = await mnist({ seed: 0 });
const setups = {};
for (const name of ['cpu', 'w']) {
  await neurite.setBackend(name);
  neurite.manualSeed(0);
  const model = kind === 'cnn'
    ? new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10))
    : new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
  const input = neurite.randn([64, 1, 28, 28]);
  const target = neurite.randint(0, 10, [64]);
  setups[name] = { model, optimizer: new Adam(model.parameters(), { lr: 1e-3 }), input, target };
}
const best = { cpu: Infinity, w: Infinity };
for (let round = 0; round < 8; round++) {
  for (const name of ['cpu', 'w']) {
    await neurite.setBackend(name);
    const { model, optimizer, input, target } = setups[name];
    const times = [];
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
      await loss.data();
      loss.dispose();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    best[name] = Math.min(best[name], times[12]);
  }
}
console.log(kind, 'median step ms: cpu', best.cpu.toFixed(2), 'worker', best.w.toFixed(2), 'ratio', (best.cpu / best.w).toFixed(2));
process.exit(0);
