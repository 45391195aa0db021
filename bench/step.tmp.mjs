import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { Adam } from '@neurite/optim';
import * as neurite from 'neurite';
import { createWorkerBackend } from '@neurite/backend-worker';
import { neuriteTrainingStep } from './src/training-loops.mjs';
neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers: 2 }));
await neurite.setBackend('w');
neurite.manualSeed(0);
const model = new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10));
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const input = neurite.randn([64, 1, 28, 28]);
const target = neurite.randint(0, 10, [64]);
for (let i = 0; i < 60; i++) {
  const t0 = performance.timeOrigin + performance.now();
  const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
  const t1 = performance.timeOrigin + performance.now();
  await loss.data();
  const t2 = performance.timeOrigin + performance.now();
  if (i === 50) console.log(JSON.stringify({ main: true, t0, t1, t2 }));
  loss.dispose();
}
await new Promise((r) => setTimeout(r, 200));
process.exit(0);
