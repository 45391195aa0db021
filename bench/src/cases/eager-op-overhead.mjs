// The fixed cost of one eager op: add two 4-element tensors and dispose the result, in µs per op.
// The arithmetic is nothing, so this is dispatch, shape checks, allocation and bookkeeping. Both
// libraries run CPU kernels synchronously, so the result exists when add() returns; one read at
// the end proves the last one is right without turning the case into a readback benchmark.
export const name = 'eager-op-overhead';

const OPTIONS = { warmup: 10_000 };
const rowOf = (seconds) => ({
  id: 'eager-add-4', label: 'eager add, 4 elements', unit: 'µs/op', higherIsBetter: false,
  value: seconds * 1e6, goal: { absolute: 1 },
});

function check(library, values) {
  if (Array.from(values).join() !== '6,8,10,12') throw new Error(`${library} add gave ${Array.from(values)}`);
}

export function neurite({ neurite: nt, measure }) {
  const a = nt.tensor([1, 2, 3, 4]);
  const b = nt.tensor([5, 6, 7, 8]);
  const timing = measure(() => a.add(b).dispose(), OPTIONS);
  const sum = a.add(b);
  check('Neurite', sum.dataSync());
  for (const t of [a, b, sum]) t.dispose();
  return [rowOf(timing.secondsPerCall)];
}

export function tfjs({ tf, measure }) {
  const a = tf.tensor1d([1, 2, 3, 4]);
  const b = tf.tensor1d([5, 6, 7, 8]);
  const timing = measure(() => tf.add(a, b).dispose(), OPTIONS);
  const sum = tf.add(a, b);
  check('TF.js', sum.dataSync());
  tf.dispose([a, b, sum]);
  return [rowOf(timing.secondsPerCall)];
}
