// One training epoch of the MLP 784-128-64-10 on the 8,000 embedded MNIST training digits, batch
// 64, Adam lr 1e-3, cross-entropy: seconds per epoch, reported as samples/s. Both libraries get the
// same digits in a shuffled order, gather each batch from one resident tensor, and read the loss
// back after every step (as a training loop that logs it does).
import * as nn from '@neurite/nn';
import { Adam } from '@neurite/optim';
import { DataLoader, mnist } from '@neurite/data';
import { row } from '../harness.mjs';

export const name = 'mlp-epoch';

const BATCH = 64;

export async function run({ neurite, tf, measure }) {
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  const samples = train.length;

  neurite.manualSeed(0);
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const loader = new DataLoader(train, { batchSize: BATCH, shuffle: true });
  const neuriteEpoch = measure(() => {
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
  }, { warmup: 1, minSeconds: 0, minIterations: 2 });
  model.dispose();
  optimizer.dispose();

  const images = tf.tensor2d(train.tensors.input.dataSync(), [samples, 784]);
  const labels = tf.oneHot(tf.tensor1d(train.tensors.target.dataSync(), 'int32'), 10).toFloat();
  const tfModel = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const tfOptimizer = tf.train.adam(1e-3);
  const tfEpoch = measure(() => {
    const order = tf.util.createShuffledIndices(samples);
    for (let start = 0; start < samples; start += BATCH) {
      const batchIndices = tf.tensor1d(Int32Array.from(order.subarray(start, Math.min(start + BATCH, samples))), 'int32');
      const loss = tfOptimizer.minimize(() => {
        const x = tf.gather(images, batchIndices);
        const y = tf.gather(labels, batchIndices);
        return tf.losses.softmaxCrossEntropy(y, tfModel.apply(x));
      }, true);
      loss.dataSync();
      loss.dispose();
      batchIndices.dispose();
    }
  }, { warmup: 1, minSeconds: 0, minIterations: 2 });
  tfModel.dispose();
  tfOptimizer.dispose();
  images.dispose();
  labels.dispose();
  train.dispose();

  return [row(`MLP epoch (8,000 digits, batch ${BATCH}, Adam)`, 'samples/s', true, samples / neuriteEpoch.secondsPerCall, samples / tfEpoch.secondsPerCall)];
}
