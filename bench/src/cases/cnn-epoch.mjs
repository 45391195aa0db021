// One training epoch of the MNIST CNN (conv 1→8 5x5, ReLU, maxpool 2, conv 8→16 5x5, ReLU, maxpool 2,
// flatten, linear 256→10) on the 8,000 embedded digits, batch 64, Adam lr 1e-3 (the loop:
// ../training-loops.mjs), reported as samples/s.
import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { mnist } from '@neurite/data';
import { row } from '../harness.mjs';
import { neuriteEpochs, tfjsEpochs } from '../training-loops.mjs';

export const name = 'cnn-epoch';

const BATCH = 64;

export async function run(context) {
  const { neurite, tf } = context;
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  const samples = train.length;
  neurite.manualSeed(0);
  const model = new nn.Sequential(
    new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(256, 10),
  );
  const ours = neuriteEpochs(context, model, train, { batchSize: BATCH });

  // TF.js is NHWC: the same digits in its layout.
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
  const theirs = tfjsEpochs(context, tfModel, images, labels, { batchSize: BATCH });
  images.dispose();
  labels.dispose();
  train.dispose();
  return [row(`MNIST CNN epoch (8,000 digits, batch ${BATCH}, Adam)`, 'samples/s', true, samples / ours.secondsPerCall, samples / theirs.secondsPerCall)];
}
