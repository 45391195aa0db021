// One training epoch of the MNIST CNN (conv 1→8 5x5, ReLU, maxpool 2, conv 8→16 5x5, ReLU, maxpool 2,
// flatten, linear 256→10) on the 8,000 embedded digits, batch 64, Adam lr 1e-3, reading the loss after
// each step, in both libraries: samples/s.
import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { Adam } from '@neurite/optim';
import { DataLoader, mnist } from '@neurite/data';
import { row } from '../harness.mjs';

export const name = 'cnn-epoch';

const BATCH = 64;

export async function run({ neurite, tf, measure }) {
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  const samples = train.length;

  neurite.manualSeed(0);
  const model = new nn.Sequential(
    new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(256, 10),
  );
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const loader = new DataLoader(train, { batchSize: BATCH, shuffle: true });
  const ours = measure(() => {
    for (const { input, target } of loader) {
      const loss = neurite.tidy(() => {
        const l = nn.functional.crossEntropy(model.forward(input), target);
        optimizer.zeroGrad();
        l.backward();
        optimizer.step();
        return l;
      });
      loss.dataSync();
      loss.dispose();
      input.dispose();
      target.dispose();
    }
  }, { warmup: 0, minSeconds: 0, minIterations: 1 });
  model.dispose();
  optimizer.dispose();

  const images = tf.tensor4d(train.tensors.input.dataSync(), [samples, 28, 28, 1]);
  const labels = tf.oneHot(tf.tensor1d(train.tensors.target.dataSync(), 'int32'), 10).toFloat();
  const tfModel = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const tfOptimizer = tf.train.adam(1e-3);
  const theirs = measure(() => {
    const order = tf.util.createShuffledIndices(samples);
    for (let start = 0; start < samples; start += BATCH) {
      const batchIndices = tf.tensor1d(Int32Array.from(order.subarray(start, Math.min(start + BATCH, samples))), 'int32');
      const loss = tfOptimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.gather(labels, batchIndices), tfModel.apply(tf.gather(images, batchIndices))), true);
      loss.dataSync();
      loss.dispose();
      batchIndices.dispose();
    }
  }, { warmup: 0, minSeconds: 0, minIterations: 1 });
  tfModel.dispose();
  tfOptimizer.dispose();
  images.dispose();
  labels.dispose();
  train.dispose();
  return [row(`MNIST CNN epoch (8,000 digits, batch ${BATCH}, Adam)`, 'samples/s', true, samples / ours.secondsPerCall, samples / theirs.secondsPerCall)];
}
