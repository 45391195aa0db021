import { Generator, defaultGenerator, manualSeed, noGrad, tensor, tidy, type Tensor } from 'neurite';
import { setBackend } from 'neurite';
import { Adam, CosineAnnealingLR } from '@neurite/optim';
import { DataLoader, mnist, type Mnist } from '@neurite/data';
import type * as nn from '@neurite/nn';
import { buildModel } from '../../../src/models.js';
import { shuffleSeed, trainStep } from '../../../src/train-step.js';
import { decodeCheckpoint, encodeCheckpoint, type TrainingProgress } from '../../../src/checkpoint-format.js';
import type { ActiveBackend, BackendName, EpochReport, FromWorker, ModelName, RunState, TrainingConfig } from '../protocol.js';
import { describeActiveBackend, type AdapterInfo } from './backend-probe.js';
import { RunControl } from './run-control.js';
import { measureOnTest } from './test-measurement.js';

/** The CLI's default seed: the same initialisation, shuffling and 8,000/2,000 split as `npm run mnist`. */
const SEED = 0;

interface Trained {
  readonly model: nn.Sequential;
  readonly name: ModelName;
  /** The optimizer, whose state a checkpoint carries so that training can continue from it. */
  readonly optimizer: Adam;
  progress: TrainingProgress;
}

/**
 * Everything the training worker holds: the data, the model being trained or loaded, and the run
 * in progress. One per worker; the page talks to it through messages only.
 */
export class TrainingSession {
  readonly #post: (message: FromWorker, transfer?: Transferable[]) => void;
  /** The digits, as tensors on the backend they were loaded on (loaded again after a switch). */
  #data: { readonly backend: BackendName; readonly loading: Promise<Mnist> } | null = null;
  #current: Trained | null = null;
  #run: RunControl | null = null;

  constructor(post: (message: FromWorker, transfer?: Transferable[]) => void) {
    this.#post = post;
  }

  get busy(): boolean {
    return this.#run !== null;
  }

  pause(): void {
    this.#run?.pause();
    if (this.#run) this.#state('paused');
  }

  resume(): void {
    this.#run?.resume();
    if (this.#run) this.#state('training');
  }

  stop(): void {
    this.#run?.stop();
    if (this.#run) this.#state('stopping');
  }

  async train(config: TrainingConfig): Promise<void> {
    if (this.#run) throw new Error('a run is already in progress: stop it first');
    const run = new RunControl();
    this.#run = run;
    this.#state('starting');
    try {
      await this.#train(config, run);
    } finally {
      this.#run = null;
      this.#state('idle');
    }
  }

  async #train(config: TrainingConfig, run: RunControl): Promise<void> {
    const backend = await this.#useBackend(config.backend);
    // The CLI's order exactly: seed, data, model, optimizer, schedule, shuffler. On the CPU the
    // page's run then matches `npm run mnist` with the same options weight for weight.
    manualSeed(SEED);
    const data = await this.#loadData(config.backend);
    this.#dropModel();
    const model = buildModel(config.model);
    const optimizer = new Adam(model.parameters(), { lr: config.lr });
    const scheduler = new CosineAnnealingLR(optimizer, { tMax: config.epochs });
    const shuffle = new Generator(shuffleSeed(SEED));
    const current: Trained = { model, name: config.model, optimizer, progress: progressAt(config.model, 0, 0, shuffle, scheduler.stateDict(), []) };
    this.#current = current;
    const stepsPerEpoch = Math.ceil(data.train.length / config.batchSize);
    const parameters = model.parameters().reduce((n, p) => n + p.size, 0);
    this.#post({ type: 'started', backend, model: config.model, parameters, data: data.info.description, epochs: config.epochs, stepsPerEpoch });
    this.#state('training');

    const started = performance.now();
    const trainingMs = () => performance.now() - started - run.pausedMs;
    let samplesDone = 0;
    const samplesTotal = data.train.length * config.epochs;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const epochStarted = trainingMs();
      const epochShuffleState = shuffle.getState();
      const loader = new DataLoader(data.train, { batchSize: config.batchSize, shuffle: true, generator: shuffle });
      let [step, samples, lossSum, correctSum] = [0, 0, 0, 0];
      for (const { input, target } of loader) {
        const { loss, correct } = trainStep(model, optimizer, input, target, true);
        const [lossValue, correctCount] = await Promise.all([loss.data(), correct!.data()]);
        const batch = input.shape[0];
        for (const t of [loss, correct!, input, target]) t.dispose();
        step++;
        samples += batch;
        samplesDone += batch;
        lossSum += lossValue[0] * batch;
        correctSum += correctCount[0];
        const samplesPerSecond = samplesDone / (trainingMs() / 1000);
        this.#post({ type: 'step', epoch: epoch + 1, step, globalStep: epoch * stepsPerEpoch + step, loss: lossValue[0], samplesPerSecond, etaSeconds: (samplesTotal - samplesDone) / samplesPerSecond });
        current.progress = { ...current.progress, epoch, batch: step, epochShuffleState, defaultGeneratorState: defaultGenerator.getState() };
        if ((await run.betweenSteps()) && step < loader.length) return this.#finish(false, trainingMs());
      }
      scheduler.step();
      const measured = await measureOnTest(model, data.test);
      const history = [...current.progress.history, { epoch: epoch + 1, loss: lossSum / samples, accuracy: measured.testAccuracy }];
      current.progress = progressAt(config.model, epoch + 1, 0, shuffle, scheduler.stateDict(), history);
      const report: EpochReport = {
        ...measured,
        epoch: epoch + 1,
        epochs: config.epochs,
        trainAccuracy: correctSum / samples,
        loss: lossSum / samples,
        epochSeconds: (trainingMs() - epochStarted) / 1000,
      };
      this.#post({ type: 'epoch', report }, report.misclassified.map((digit) => digit.pixels.buffer as ArrayBuffer));
      if (run.stopRequested) return this.#finish(epoch + 1 === config.epochs, trainingMs());
    }
    this.#finish(true, trainingMs());
  }

  /** The current model's probabilities for one 28×28 image (values in [0, 1], row-major). */
  async predict(id: number, pixels: Float32Array): Promise<void> {
    const current = this.#current;
    if (!current) throw new Error('there is no model yet: train one or load a checkpoint');
    const { model } = current;
    const wasTraining = model.training;
    model.eval();
    let probabilities: Tensor;
    try {
      probabilities = noGrad(() => tidy(() => model.forward(tensor(pixels, [1, 1, 28, 28])).softmax(1)));
    } finally {
      model.train(wasTraining);
    }
    const values = await probabilities.data();
    probabilities.dispose();
    this.#post({ type: 'prediction', id, probabilities: Array.from(values) });
  }

  /** The current model as checkpoint bytes, in the CLI's format (so `npm run mnist -- --resume` continues it). */
  async save(): Promise<void> {
    const current = this.#current;
    if (!current) throw new Error('there is no model to save yet: train one or load a checkpoint');
    if (this.#run && !this.#run.paused) throw new Error('pause or stop training before saving, so the checkpoint is one consistent step');
    const bytes = await encodeCheckpoint(current.model, current.optimizer, current.progress);
    const epochs = current.progress.epoch;
    this.#post({ type: 'saved', fileName: `mnist-${current.name}-epoch${epochs}.safetensors`, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  /** Loads a checkpoint (the CLI's or this page's) and measures it on the test digits. */
  async load(fileName: string, bytes: Uint8Array, backendName: BackendName): Promise<void> {
    if (this.#run) throw new Error('stop training before loading a checkpoint');
    const backend = await this.#useBackend(backendName);
    const checkpoint = decodeCheckpoint(bytes, fileName);
    const { progress } = checkpoint;
    const model = buildModel(progress.model);
    // The optimizer's state comes along, so that saving this model again writes a checkpoint the
    // CLI's --resume continues exactly (its learning rate comes from the file).
    const optimizer = new Adam(model.parameters());
    try {
      checkpoint.restore(model, optimizer);
    } catch (error) {
      optimizer.dispose();
      model.dispose();
      throw new Error(`'${fileName}' says it holds the ${progress.model.toUpperCase()}, but its weights do not fit that model: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.#dropModel();
    this.#current = { model, name: progress.model, optimizer, progress };
    const data = await this.#loadData(backendName);
    const measured = await measureOnTest(model, data.test);
    const report: EpochReport = {
      ...measured,
      epoch: progress.epoch,
      epochs: progress.epoch,
      trainAccuracy: Number.NaN,
      loss: progress.history.at(-1)?.loss ?? Number.NaN,
      epochSeconds: Number.NaN,
    };
    this.#post({ type: 'loaded', fileName, model: progress.model, backend, epochs: progress.epoch, testAccuracy: measured.testAccuracy, report, history: progress.history.map(({ epoch, accuracy }) => ({ epoch, accuracy })) });
  }

  async #useBackend(name: BackendName): Promise<ActiveBackend> {
    // Tensors belong to the backend they were made on: a model is rebuilt on the new one.
    const backend = await setBackend(name);
    return describeActiveBackend(name, backend as { adapter?: AdapterInfo; workers?: number });
  }

  async #loadData(backend: BackendName): Promise<Mnist> {
    if (this.#data?.backend !== backend) {
      const previous = this.#data;
      this.#data = { backend, loading: mnist({ seed: SEED }) };
      if (previous) {
        const old = await previous.loading;
        old.train.dispose();
        old.test.dispose();
      }
    }
    return this.#data.loading;
  }

  #dropModel(): void {
    if (!this.#current) return;
    this.#current.optimizer.dispose();
    this.#current.model.dispose();
    this.#current = null;
  }

  #finish(completed: boolean, ms: number): void {
    this.#post({ type: 'finished', completed, seconds: ms / 1000 });
  }

  #state(state: RunState): void {
    this.#post({ type: 'state', state });
  }
}

function progressAt(model: ModelName, epoch: number, batch: number, shuffle: Generator, scheduler: TrainingProgress['scheduler'], history: TrainingProgress['history']): TrainingProgress {
  return { model, seed: SEED, epoch, batch, epochShuffleState: shuffle.getState(), defaultGeneratorState: defaultGenerator.getState(), scheduler, history };
}
