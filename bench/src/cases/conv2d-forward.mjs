// conv2d forward, batch 64, 5x5 filters, stride 1, no padding, at the MNIST CNN's first layer
// (28x28x1 → 8) and at 14x14x8 → 16. GFLOP/s counted as 2·N·O·Ho·Wo·C·kh·kw. Every peer computes
// synchronously on the CPU, so the timed call is the convolution alone (no copy out).
import { conv2d } from '@neurite/cnn';

export const name = 'conv2d-forward';

const CASES = [
  { id: 'conv-28x28x1-8', label: 'conv2d fwd 64x1x28x28 → 8, 5x5', input: [64, 1, 28, 28], filters: 8 },
  { id: 'conv-14x14x8-16', label: 'conv2d fwd 64x8x14x14 → 16, 5x5', input: [64, 8, 14, 14], filters: 16 },
];

function flopsOf({ input: [n, c, h, w], filters }) {
  return 2 * n * filters * (h - 4) * (w - 4) * c * 25;
}

const rowOf = (spec, seconds) => ({
  id: spec.id, label: spec.label, unit: 'GFLOP/s', higherIsBetter: true,
  value: flopsOf(spec) / seconds / 1e9, goal: { peer: 'tfjsWasm', ratio: 2 },
});

export function neurite({ neurite: nt, measure }) {
  return CASES.map((spec) => {
    const x = nt.randn(spec.input);
    const weight = nt.randn([spec.filters, spec.input[1], 5, 5]);
    const timing = measure(() => {
      const y = conv2d(x, weight);
      y.dispose();
    });
    x.dispose();
    weight.dispose();
    return rowOf(spec, timing.secondsPerCall);
  });
}

export function tfjs({ tf, measure }) {
  return CASES.map((spec) => {
    // TF.js is NHWC with HWIO filters: the same computation in its own layout.
    const [n, c, h, w] = spec.input;
    const x = tf.randomNormal([n, h, w, c]);
    const weight = tf.randomNormal([5, 5, c, spec.filters]);
    const timing = measure(() => {
      const y = tf.conv2d(x, weight, 1, 'valid');
      y.dispose();
    });
    x.dispose();
    weight.dispose();
    return rowOf(spec, timing.secondsPerCall);
  });
}
