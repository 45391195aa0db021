// The training epoch both libraries run in the epoch benchmarks: shuffled batches gathered from
// resident tensors, cross-entropy, Adam, and the loss read back after every step (as a training
// loop that logs it does), so neither library can defer work past the measurement.
import * as nn from '@neurite/nn';
import { Adam } from '@neurite/optim';
import { DataLoader } from '@neurite/data';

/** One Neurite training step (cross-entropy, backward, optimizer step) in a tidy; returns the loss. */
export function neuriteTrainingStep(neurite, model, optimizer, input, target) {
  return neurite.tidy(() => {
    const loss = nn.functional.crossEntropy(model.forward(input), target);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    return loss;
  });
}

/** Neurite: times `epochs` epochs of `model` on `dataset`; frees the model and optimizer after. */
export function neuriteEpochs({ neurite, measure }, model, dataset, { batchSize, lr = 1e-3, warmup = 0, epochs = 1 }) {
  const optimizer = new Adam(model.parameters(), { lr });
  const loader = new DataLoader(dataset, { batchSize, shuffle: true });
  const timing = measure(() => {
    for (const { input, target } of loader) {
      const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
      loss.dataSync();
      loss.dispose();
      input.dispose();
      target.dispose();
    }
  }, { warmup, minSeconds: 0, minIterations: epochs });
  model.dispose();
  optimizer.dispose();
  return timing;
}

/**
 * TF.js: the same loop with tf.train.adam and softmaxCrossEntropy on one-hot labels. With
 * `maxBatches`, each timed epoch stops after that many batches (for a backend too slow to run a
 * whole one): `batches` in the result says how many ran, to scale by.
 */
export function tfjsEpochs({ tf, measure }, model, images, labels, { batchSize, lr = 1e-3, warmup = 0, epochs = 1, maxBatches = Infinity }) {
  const samples = images.shape[0];
  const optimizer = tf.train.adam(lr);
  const end = Math.min(samples, maxBatches * batchSize);
  const timing = measure(() => {
    const order = tf.util.createShuffledIndices(samples);
    for (let start = 0; start < end; start += batchSize) {
      const batch = tf.tensor1d(Int32Array.from(order.subarray(start, Math.min(start + batchSize, samples))), 'int32');
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.gather(labels, batch), model.apply(tf.gather(images, batch))), true);
      loss.dataSync();
      loss.dispose();
      batch.dispose();
    }
  }, { warmup, minSeconds: 0, minIterations: epochs });
  model.dispose();
  optimizer.dispose();
  return { ...timing, samples: end };
}
