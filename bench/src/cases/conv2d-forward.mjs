// conv2d forward, batch 64, at the two layers of the MNIST CNN: 28x28x1 → 8 filters 5x5 and
// 12x12x8 → 16 filters 5x5 (the 14x14x8 is also run, as written). GFLOP/s counted as
// 2·N·O·Ho·Wo·C·kh·kw; each call reads the result back so queued work cannot hide.
import { conv2d } from '@neurite/cnn';
import { row } from '../harness.mjs';

export const name = 'conv2d-forward';

const CASES = [
  { label: '64x1x28x28 → 8, 5x5', input: [64, 1, 28, 28], filters: 8 },
  { label: '64x8x14x14 → 16, 5x5', input: [64, 8, 14, 14], filters: 16 },
];

export function run({ neurite, tf, measure }) {
  return CASES.map(({ label, input, filters }) => {
    const [n, c, h, w] = input;
    const [ho, wo] = [h - 4, w - 4];
    const flops = 2 * n * filters * ho * wo * c * 25;
    const x = neurite.randn(input);
    const weight = neurite.randn([filters, c, 5, 5]);
    const ours = measure(() => {
      const y = conv2d(x, weight);
      y.dataSync();
      y.dispose();
    });
    x.dispose();
    weight.dispose();
    // TF.js is NHWC with HWIO filters: the same computation in its own layout.
    const tx = tf.randomNormal([n, h, w, c]);
    const tw = tf.randomNormal([5, 5, c, filters]);
    const theirs = measure(() => {
      const y = tf.conv2d(tx, tw, 1, 'valid');
      y.dataSync();
      y.dispose();
    });
    tx.dispose();
    tw.dispose();
    return row(`conv2d fwd ${label}`, 'GFLOP/s', true, flops / ours.secondsPerCall / 1e9, flops / theirs.secondsPerCall / 1e9);
  });
}
