// One LSTM training step: input 32, hidden 128, 50 time steps, batch 32, forward and backward to
// every weight with loss = mean of all outputs, no optimizer update. Reported as steps/s. Both
// libraries get the same batch-major input [32, 50, 32] and read the loss back after each step.
import { LSTM } from '@neurite/rnn';

export const name = 'lstm-step';

const INPUT = 32;
const HIDDEN = 128;
const STEPS = 50;
const BATCH = 32;

const rowOf = (seconds) => ({
  id: 'lstm-step', label: `LSTM step (in ${INPUT}, hidden ${HIDDEN}, T ${STEPS}, batch ${BATCH}, fwd+bwd)`, unit: 'steps/s', higherIsBetter: true,
  value: 1 / seconds, goal: { peer: 'tfjsWasm', ratio: 3 },
});

export function neurite({ neurite, measure }) {
  neurite.manualSeed(0);
  const lstm = new LSTM(INPUT, HIDDEN, { batchFirst: true });
  const x = neurite.randn([BATCH, STEPS, INPUT]);
  const neuriteStep = measure(() => {
    const loss = neurite.tidy(() => {
      lstm.zeroGrad();
      const [output] = lstm.forward(x);
      const l = output.mean();
      l.backward();
      return l;
    });
    loss.dataSync();
    loss.dispose();
  }, { warmup: 2, minSeconds: 2 });
  lstm.dispose();
  x.dispose();
  return [rowOf(neuriteStep.secondsPerCall)];
}

export function tfjs({ tf, measure }) {
  const tfInput = tf.randomNormal([BATCH, STEPS, INPUT]);

  // TF.js: the Keras-style layer inside variableGrads, which differentiates every trainable weight.
  // Glorot instead of its default orthogonal recurrent init, which only warns that it is slow to set up.
  const tfLayer = tf.layers.lstm({ units: HIDDEN, returnSequences: true, inputShape: [STEPS, INPUT], recurrentInitializer: 'glorotUniform' });
  const tfModel = tf.sequential({ layers: [tfLayer] });
  const tfStep = measure(() => {
    const { value, grads } = tf.variableGrads(() => tfModel.apply(tfInput).mean());
    value.dataSync();
    value.dispose();
    tf.dispose(grads);
  }, { warmup: 1, minSeconds: 2 });
  tfModel.dispose();
  tfInput.dispose();
  return [rowOf(tfStep.secondsPerCall)];
}
