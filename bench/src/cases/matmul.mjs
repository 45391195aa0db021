// Square float32 matmul throughput, in GFLOP/s (2·n³ floating-point operations per product).
// Every peer here computes on the CPU synchronously (the result exists when the call returns), so
// the timed call is the product alone, without a copy out that PyTorch would not make either.
// Each product is disposed, so memory stays flat.
export const name = 'matmul';

const SIZES = [128, 256, 512, 1024];
const GOALS = { 1024: { peer: 'tfjsWasm', ratio: 1.5 } };

const rowOf = (n, seconds) => ({
  id: `matmul-${n}`, label: `matmul ${n}x${n}`, unit: 'GFLOP/s', higherIsBetter: true,
  value: (2 * n ** 3) / seconds / 1e9, goal: GOALS[n],
});
// Big products take seconds each in pure JS: warm up once, but still time at least two calls.
const optionsFor = (n) => ({ warmup: n >= 512 ? 1 : 3 });

export function neurite({ neurite: nt, measure }) {
  return SIZES.map((n) => {
    const a = nt.randn([n, n]);
    const b = nt.randn([n, n]);
    const timing = measure(() => {
      const c = a.matmul(b);
      c.dispose();
    }, optionsFor(n));
    a.dispose();
    b.dispose();
    return rowOf(n, timing.secondsPerCall);
  });
}

export function tfjs({ tf, measure, backend }) {
  // The pure-JS backend takes over a second per 1024 product: its 1024 row is left out.
  return SIZES.filter((n) => backend === 'wasm' || n <= 512).map((n) => {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    const timing = measure(() => {
      const c = tf.matMul(a, b);
      c.dispose();
    }, optionsFor(n));
    a.dispose();
    b.dispose();
    return rowOf(n, timing.secondsPerCall);
  });
}
