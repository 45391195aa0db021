import { Generator, dispose, manualSeed, tidy } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { Adam } from '@neurite/optim';
import { DigitTransformer, type ModelSize } from './model.js';
import { evaluate, type Accuracy } from './evaluate.js';
import { makeBatch, VOCABULARY, type Task } from './tasks.js';

export interface TrainOptions {
  readonly task: Task;
  /** Digits per sequence. */
  readonly length: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly seed: number;
  /** Held-out sequences for the progress lines and the final metric. */
  readonly testSize: number;
  /** Print a progress line every this many steps. */
  readonly logEvery: number;
  readonly size: ModelSize;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  task: 'reverse',
  length: 8,
  steps: 300,
  batchSize: 64,
  lr: 3e-3,
  seed: 0,
  testSize: 1000,
  logEvery: 50,
  size: { dModel: 32, heads: 4, layers: 2, feedforward: 64, maxLength: 64 },
};

export interface TrainResult {
  readonly accuracy: Accuracy;
  readonly finalLoss: number;
  readonly seconds: number;
  readonly model: DigitTransformer;
}

/**
 * Trains on fresh random sequences every step and evaluates on a held-out set drawn from a separate
 * generator. Deterministic: the same options give the same weights and the same metric.
 */
export async function train(options: TrainOptions, write: (line: string) => void = () => {}): Promise<TrainResult> {
  manualSeed(options.seed); // initialisation
  const trainData = new Generator(options.seed * 1000 + 1);
  const testData = makeBatch(options.task, options.testSize, options.length, new Generator(options.seed * 1000 + 2));
  const model = new DigitTransformer({ ...options.size, maxLength: Math.max(options.size.maxLength, options.length) });
  const optimizer = new Adam(model.parameters(), { lr: options.lr });
  const parameterCount = model.parameters().reduce((n, p) => n + p.size, 0);
  write(`task: ${options.task} ${options.length} digits; model: ${parameterCount.toLocaleString('en-US')} parameters; Adam lr ${options.lr}, batch ${options.batchSize}, ${options.steps} steps`);

  const started = performance.now();
  let finalLoss = Number.NaN;
  for (let step = 1; step <= options.steps; step++) {
    const batch = makeBatch(options.task, options.batchSize, options.length, trainData);
    const loss = tidy(() => {
      // Cross-entropy per position: [N·L, 10] logits against [N·L] digits.
      const logits = model.forward(batch.input).reshape([-1, VOCABULARY]);
      const value = nn.functional.crossEntropy(logits, batch.target.reshape([-1]));
      optimizer.zeroGrad();
      value.backward();
      optimizer.step();
      return value;
    });
    dispose([batch.input, batch.target]);
    if (step % options.logEvery === 0 || step === options.steps) {
      finalLoss = await loss.item();
      const accuracy = await evaluate(model, testData);
      const seconds = (performance.now() - started) / 1000;
      write(`step ${String(step).padStart(5)}  loss ${finalLoss.toFixed(4)}  held-out token accuracy ${percent(accuracy.token)}  sequence accuracy ${percent(accuracy.sequence)}  (${seconds.toFixed(1)} s)`);
    }
    loss.dispose();
  }
  const accuracy = await evaluate(model, testData);
  dispose([testData.input, testData.target]);
  optimizer.dispose();
  return { accuracy, finalLoss, seconds: (performance.now() - started) / 1000, model };
}

export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
