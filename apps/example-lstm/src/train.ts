import { manualSeed, noGrad, tidy, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { Adam } from '@neurite/optim';
import { disposeWindows, sineWindows } from './data.js';
import { SineForecaster } from './model.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly hiddenSize: number;
  readonly steps: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly batchSize: number;
  readonly lr: number;
}

export const defaultOptions: TrainOptions = {
  epochs: 12,
  seed: 0,
  hiddenSize: 32,
  steps: 24,
  trainSize: 2048,
  testSize: 512,
  batchSize: 64,
  lr: 0.02,
};

export interface TrainResult {
  readonly testMse: number;
  /** MSE of repeating each window's last noisy value. */
  readonly baselineMse: number;
  /** How many times lower the model's test MSE is than the baseline's. */
  readonly improvement: number;
  /** Test MSE after each epoch. */
  readonly history: readonly number[];
  readonly seconds: number;
  readonly model: SineForecaster;
}

/** Trains the forecaster with Adam on MSE and evaluates it on held-out windows after every epoch. */
export async function train(options: TrainOptions, write: (text: string) => void = () => {}): Promise<TrainResult> {
  const started = performance.now();
  manualSeed(options.seed);
  const trainSet = sineWindows(options.trainSize, options.steps);
  const testSet = sineWindows(options.testSize, options.steps);
  const model = new SineForecaster(options.hiddenSize);
  const optimizer = new Adam(model.parameters(), { lr: options.lr });
  const testMse = (): Promise<number> => readScalar(noGrad(() => nn.functional.mseLoss(model.forward(testSet.inputs), testSet.targets)));
  const baselineMse = await readScalar(nn.functional.mseLoss(testSet.lastValues, testSet.targets));
  write(`forecasting the next value of noisy sine waves: ${options.trainSize} training windows of ${options.steps} steps, LSTM(1, ${options.hiddenSize}) + Linear(${options.hiddenSize}, 1)\n`);
  write(`last-value baseline test MSE: ${baselineMse.toFixed(5)}\n`);

  const history: number[] = [];
  const batches = Math.ceil(options.trainSize / options.batchSize);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochStarted = performance.now();
    // The epoch's loss stays on the device and is read once at the end, not after every batch.
    let lossSum: Tensor | null = null;
    for (let batch = 0; batch < batches; batch++) {
      const start = batch * options.batchSize;
      const size = Math.min(options.batchSize, options.trainSize - start);
      const total: Tensor = tidy(() => {
        const loss = nn.functional.mseLoss(model.forward(trainSet.inputs.narrow(0, start, size)), trainSet.targets.narrow(0, start, size));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return lossSum ? lossSum.add(loss) : loss.clone();
      });
      lossSum?.dispose();
      lossSum = total;
    }
    const trainMse = (await readScalar(lossSum!)) / batches;
    history.push(await testMse());
    const seconds = (performance.now() - epochStarted) / 1000;
    write(`epoch ${String(epoch).padStart(String(options.epochs).length)}/${options.epochs}  train MSE ${trainMse.toFixed(5)}  test MSE ${history[history.length - 1].toFixed(5)}  (${seconds.toFixed(1)} s)\n`);
  }
  optimizer.dispose();
  disposeWindows(trainSet);
  disposeWindows(testSet);
  const finalMse = history[history.length - 1];
  return { testMse: finalMse, baselineMse, improvement: baselineMse / finalMse, history, seconds: (performance.now() - started) / 1000, model };
}

/** Reads a scalar (asynchronously, so any backend works) and frees it. */
async function readScalar(scalar: Tensor): Promise<number> {
  const value = await scalar.item();
  scalar.dispose();
  return value;
}
