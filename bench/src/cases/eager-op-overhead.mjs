// The fixed cost of one eager op: add two 4-element tensors and dispose the result, in µs per op.
// The arithmetic is nothing, so this is dispatch, shape checks, allocation and bookkeeping.
// Both libraries run CPU kernels synchronously, so the result exists when add() returns; one read
// at the end proves the last one is right without turning the case into a readback benchmark.
import { row } from '../harness.mjs';

export const name = 'eager-op-overhead';

export function run({ neurite, tf, measure }) {
  const options = { warmup: 10_000 };

  const na = neurite.tensor([1, 2, 3, 4]);
  const nb = neurite.tensor([5, 6, 7, 8]);
  const nt = measure(() => na.add(nb).dispose(), options);
  const nCheck = na.add(nb);
  check('Neurite', nCheck.dataSync());
  nCheck.dispose();
  na.dispose();
  nb.dispose();

  const ta = tf.tensor1d([1, 2, 3, 4]);
  const tb = tf.tensor1d([5, 6, 7, 8]);
  const tt = measure(() => tf.add(ta, tb).dispose(), options);
  const tCheck = tf.add(ta, tb);
  check('TF.js', tCheck.dataSync());
  tCheck.dispose();
  ta.dispose();
  tb.dispose();

  return [row('add, 4 elements', 'µs/op', false, nt.secondsPerCall * 1e6, tt.secondsPerCall * 1e6)];
}

function check(library, values) {
  if (Array.from(values).join() !== '6,8,10,12') throw new Error(`${library} add gave ${Array.from(values)}`);
}
