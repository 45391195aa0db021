// One training epoch of the MNIST CNN (conv 1→8 5x5, ReLU, maxpool 2, conv 8→16 5x5, ReLU, maxpool 2,
// flatten, linear 256→10) on the 8,000 embedded digits, batch 64, Adam lr 1e-3 (the loop:
// ../training-loops.mjs), reported as samples/s. TF.js's WebAssembly backend cannot train it (it
// has no Conv2DBackpropFilter kernel); its pure-JS backend runs a few batches, extrapolated.
import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { mnist } from '@neurite/data';
import { neuriteEpochs, tfjsEpochs } from '../training-loops.mjs';

export const name = 'cnn-epoch';

const BATCH = 64;
const TFJS_CPU_BATCHES = 4;
const rowOf = (samplesPerSecond, note) => ({
  id: 'cnn-epoch', label: `MNIST CNN epoch (8,000 digits, batch ${BATCH}, Adam)`, unit: 'samples/s', higherIsBetter: true,
  value: samplesPerSecond, note, goal: { peer: 'torch', ratio: 1 / 1.5 },
});

export async function neurite(context) {
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  context.neurite.manualSeed(0);
  const model = new nn.Sequential(
    new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(256, 10),
  );
  const timing = neuriteEpochs(context, model, train, { batchSize: BATCH, warmup: 1, epochs: 2 }); // as torch-peers.py: one warm-up epoch
  const samples = train.length;
  train.dispose();
  return [rowOf(samples / timing.secondsPerCall)];
}

export async function tfjs(context) {
  const { tf, backend } = context;
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  const samples = train.length;
  // TF.js is NHWC: the same digits in its layout.
  const images = tf.tensor4d(train.tensors.input.dataSync(), [samples, 28, 28, 1]);
  const labels = tf.oneHot(tf.tensor1d(train.tensors.target.dataSync(), 'int32'), 10).toFloat();
  train.dispose();
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10 }),
    ],
  });
  try {
    const bounded = backend === 'cpu';
    const timing = tfjsEpochs(context, model, images, labels, { batchSize: BATCH, warmup: 1, maxBatches: bounded ? TFJS_CPU_BATCHES : Infinity });
    const note = bounded ? `extrapolated from ${TFJS_CPU_BATCHES} batches` : undefined;
    return [rowOf(timing.samples / timing.secondsPerCall, note)];
  } catch (error) {
    model.dispose();
    return [rowOf(null, `cannot train: ${String(error.message ?? error).split('\n')[0].slice(0, 80)}`)];
  } finally {
    tf.dispose([images, labels]);
  }
}
