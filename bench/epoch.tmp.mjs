import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { Adam } from '@neurite/optim';
import { DataLoader, mnist } from '@neurite/data';
import * as neurite from 'neurite';
import { createWorkerBackend } from '@neurite/backend-worker';
import { neuriteTrainingStep } from './src/training-loops.mjs';

const [kind, workers, inline] = [process.argv[2] ?? 'cnn', Number(process.argv[3] ?? 2), process.argv[4]];
if (workers > 0) {
  neurite.backends.register('w', () => createWorkerBackend({ name: 'w', workers, thresholds: inline ? { inlineMaxElements: Number(inline) } : undefined }));
  await neurite.setBackend('w');
} else await neurite.setBackend('cpu');
const { train, test } = await mnist({ seed: 0 });
neurite.manualSeed(0);
const model = kind === 'cnn'
  ? new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10))
  : new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const loader = new DataLoader(train, { batchSize: 64, shuffle: true });
for (let epoch = 0; epoch < 3; epoch++) {
  const start = performance.now();
  let samples = 0, enqueue = 0, wait = 0;
  for (const { input, target } of loader) {
    const t0 = performance.now();
    const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
    const t1 = performance.now();
    await loss.data();
    enqueue += t1 - t0; wait += performance.now() - t1;
    samples += input.shape[0];
    loss.dispose(); input.dispose(); target.dispose();
  }
  console.log(kind, workers, inline ?? '', 'epoch', epoch, Math.round(samples / ((performance.now() - start) / 1000)), 'samples/s', 'enqueue ms/step', (enqueue / 125).toFixed(2), 'wait', (wait / 125).toFixed(2));
}
process.exit(0);
