// One training step of multi-head self-attention: batch 8, sequence 128, width 128, 4 heads,
// forward and backward (gradients of every projection weight and bias), loss = mean of the outputs,
// no optimizer. Reported as steps/s. Neurite uses @neurite/transformer's MultiheadAttention; TF.js
// the same computation written with its ops (dense projections, reshape/transpose to heads, matMul,
// softmax) inside tf.variableGrads. Both read the loss back every step, as a training loop that
// logs it does.
import { MultiheadAttention } from '@neurite/transformer';

export const name = 'attention-step';

const BATCH = 8;
const SEQUENCE = 128;
const WIDTH = 128;
const HEADS = 4;
const HEAD_WIDTH = WIDTH / HEADS;

const rowOf = (seconds) => ({
  id: 'mha-step', label: `attention step (batch ${BATCH}, seq ${SEQUENCE}, width ${WIDTH}, ${HEADS} heads, fwd+bwd)`, unit: 'steps/s', higherIsBetter: true,
  value: 1 / seconds, goal: { peer: 'tfjsWasm', ratio: 3 },
});

export function neurite({ neurite, measure }) {
  neurite.manualSeed(0);
  const attention = new MultiheadAttention(WIDTH, HEADS, { batchFirst: true });
  const x = neurite.randn([BATCH, SEQUENCE, WIDTH]);
  const neuriteStep = measure(() => {
    const loss = neurite.tidy(() => {
      const [output] = attention.forward(x, x, x, { needWeights: false });
      const value = output.mean();
      value.backward();
      return value;
    });
    loss.dataSync();
    loss.dispose();
    attention.zeroGrad();
  }, { warmup: 2 });
  attention.dispose();
  x.dispose();
  return [rowOf(neuriteStep.secondsPerCall)];
}

export function tfjs({ tf, measure }) {

  // The same parameters as PyTorch's layout, as four dense layers: q, k, v and the output.
  const bound = Math.sqrt(6 / (WIDTH + 3 * WIDTH));
  // tidy frees the initial values; variables outlive it.
  const dense = () => tf.tidy(() => ({
    kernel: tf.variable(tf.randomUniform([WIDTH, WIDTH], -bound, bound)),
    bias: tf.variable(tf.zeros([WIDTH])),
  }));
  const [q, k, v, out] = [dense(), dense(), dense(), dense()];
  const input = tf.randomNormal([BATCH * SEQUENCE, WIDTH]);
  const project = (layer, rows) => tf.add(tf.matMul(rows, layer.kernel), layer.bias);
  const toHeads = (t) => tf.transpose(tf.reshape(t, [BATCH, SEQUENCE, HEADS, HEAD_WIDTH]), [0, 2, 1, 3]);
  const loss = () => {
    const scores = tf.mul(tf.matMul(toHeads(project(q, input)), toHeads(project(k, input)), false, true), 1 / Math.sqrt(HEAD_WIDTH));
    const heads = tf.matMul(tf.softmax(scores), toHeads(project(v, input)));
    const merged = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [BATCH * SEQUENCE, WIDTH]);
    return tf.mean(project(out, merged));
  };
  const tfStep = measure(() => {
    const { value, grads } = tf.variableGrads(loss);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  }, { warmup: 2 });
  for (const layer of [q, k, v, out]) tf.dispose([layer.kernel, layer.bias]);
  input.dispose();

  return [rowOf(tfStep.secondsPerCall)];
}
