// Square float32 matmul throughput, in GFLOP/s (2·n³ floating-point operations per product).
// Each timed call reads the product back with dataSync, so a backend that queues work cannot
// look faster than it is, and disposes it, so memory stays flat.
import { row } from '../harness.mjs';

export const name = 'matmul';

const SIZES = [128, 256, 512, 1024];

export function run({ neurite, tf, measure }) {
  const rows = [];
  for (const n of SIZES) {
    const flops = 2 * n ** 3;
    // Big products take seconds each in pure JS: warm up once, but still time at least two calls.
    const options = { warmup: n >= 512 ? 1 : 3 };

    const na = neurite.randn([n, n]);
    const nb = neurite.randn([n, n]);
    const nt = measure(() => {
      const c = na.matmul(nb);
      c.dataSync();
      c.dispose();
    }, options);
    na.dispose();
    nb.dispose();

    const ta = tf.randomNormal([n, n]);
    const tb = tf.randomNormal([n, n]);
    const tt = measure(() => {
      const c = tf.matMul(ta, tb);
      c.dataSync();
      c.dispose();
    }, options);
    ta.dispose();
    tb.dispose();

    rows.push(row(`matmul ${n}x${n}`, 'GFLOP/s', true, flops / nt.secondsPerCall / 1e9, flops / tt.secondsPerCall / 1e9));
  }
  return rows;
}
