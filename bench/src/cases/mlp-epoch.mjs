// One training epoch of the MLP 784-128-64-10 on the 8,000 embedded MNIST training digits, batch 64,
// Adam lr 1e-3 (the loop: ../training-loops.mjs), reported as samples/s.
import * as nn from '@neurite/nn';
import { mnist } from '@neurite/data';
import { neuriteEpochs, tfjsEpochs } from '../training-loops.mjs';

export const name = 'mlp-epoch';

const BATCH = 64;
const rowOf = (samplesPerSecond) => ({
  id: 'mlp-epoch', label: `MLP 784-128-64-10 epoch (8,000 digits, batch ${BATCH}, Adam)`, unit: 'samples/s', higherIsBetter: true,
  value: samplesPerSecond, goal: { peer: 'tfjsWasm', ratio: 2 },
});

export async function neurite(context) {
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  context.neurite.manualSeed(0);
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
  const timing = neuriteEpochs(context, model, train, { batchSize: BATCH, warmup: 1, epochs: 2 });
  const samples = train.length;
  train.dispose();
  return [rowOf(samples / timing.secondsPerCall)];
}

export async function tfjs(context) {
  const { tf } = context;
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  const samples = train.length;
  const images = tf.tensor2d(train.tensors.input.dataSync(), [samples, 784]);
  const labels = tf.oneHot(tf.tensor1d(train.tensors.target.dataSync(), 'int32'), 10).toFloat();
  train.dispose();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const timing = tfjsEpochs(context, model, images, labels, { batchSize: BATCH, warmup: 1, epochs: 2 });
  tf.dispose([images, labels]);
  return [rowOf(timing.samples / timing.secondsPerCall)];
}
