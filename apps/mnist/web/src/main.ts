// The page: draws what the training worker reports and forwards what the user does. All the
// computing happens in the worker (training-worker.ts), so the page stays responsive.
import type { ActiveBackend, EpochReport, FromWorker, ModelName, ToWorker } from './protocol.js';
import { TrainingControls, byId } from './page/controls.js';
import { TrainingCharts } from './page/charts.js';
import { ConfusionMatrix } from './page/confusion-matrix.js';
import { MisclassifiedGrid } from './page/misclassified-grid.js';
import { ProbabilityBars } from './page/probability-bars.js';
import { DrawPad } from './page/draw-pad.js';
import { formatDuration, formatPercent } from './page/format.js';

const worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'neurite-training' });
const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

const controls = new TrainingControls();
const charts = new TrainingCharts(byId('loss-chart'), byId('accuracy-chart'));
const confusion = new ConfusionMatrix(byId<HTMLTableElement>('confusion'));
const mistakes = new MisclassifiedGrid(byId('misclassified'), 24);
const bars = new ProbabilityBars(byId('probabilities'), byId('verdict'));
const status = byId('status');
const checkpointMessage = byId('checkpoint-message');
const saveButton = byId<HTMLButtonElement>('save');
const loadInput = byId<HTMLInputElement>('load');
const text = (id: string, value: string) => void (byId(id).textContent = value);

let haveModel = false;
let state: Extract<FromWorker, { type: 'state' }>['state'] = 'idle';
let loading = false;
let stepsPerEpoch = 0;
let prediction = { next: 1, inFlight: false, waiting: null as Float32Array | null };

const pad = new DrawPad(byId<HTMLCanvasElement>('pad'), (input) => {
  if (!input) return bars.clear(haveModel ? 'Draw a digit in the box.' : 'Train a model or load a checkpoint, then draw a digit.');
  if (!haveModel) return bars.clear('Train a model or load a checkpoint first: then it reads what you draw.');
  prediction.waiting = input;
  requestPrediction();
});
byId('clear').addEventListener('click', () => pad.clear());

/** One prediction in flight at a time; the newest drawing waits for the next turn. */
function requestPrediction(): void {
  if (prediction.inFlight || !prediction.waiting) return;
  const pixels = prediction.waiting;
  prediction = { ...prediction, waiting: null, inFlight: true };
  send({ type: 'predict', id: prediction.next++, pixels }, [pixels.buffer]);
}

function showStatus(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function showCheckpointMessage(message: string, isError = false): void {
  checkpointMessage.textContent = message;
  checkpointMessage.classList.toggle('error', isError);
  checkpointMessage.setAttribute('role', isError ? 'alert' : 'status');
}

function showBackend(backend: ActiveBackend): void {
  const label = { webgpu: 'WebGPU', worker: 'worker pool', cpu: 'CPU' }[backend.name];
  text('backend-in-use', `${label}: ${backend.detail}`);
  byId('backend-in-use').title = `${label}: ${backend.detail}`;
}

function showEpoch(report: EpochReport): void {
  text('epoch', `${report.epoch} of ${report.epochs}`);
  text('test-accuracy', formatPercent(report.testAccuracy));
  confusion.show(report.confusion);
  mistakes.show(report.misclassified);
}

function refreshButtons(): void {
  controls.showState(loading ? 'loading' : state);
  saveButton.disabled = !haveModel || loading || (state !== 'idle' && state !== 'paused');
  loadInput.disabled = loading || state !== 'idle';
  document.querySelector('label[for="load"]')?.classList.toggle('disabled', loadInput.disabled);
}

function modelName(model: ModelName): string {
  return model === 'cnn' ? 'CNN' : 'MLP';
}

const handlers: { [K in FromWorker['type']]: (message: Extract<FromWorker, { type: K }>) => void } = {
  backends({ backends, best }) {
    controls.showBackends(backends, best);
    showStatus(`Ready. The best backend here is ${best === 'webgpu' ? 'WebGPU' : best === 'worker' ? 'the worker pool' : 'the CPU'}; press Start training.`);
    refreshButtons();
  },
  state(message) {
    state = message.state;
    refreshButtons();
  },
  started({ backend, model, parameters, data, stepsPerEpoch: steps, epochs }) {
    stepsPerEpoch = steps;
    charts.clear(epochs, steps);
    haveModel = true;
    showBackend(backend);
    showStatus(`Training the ${modelName(model)} (${parameters.toLocaleString('en-US')} weights) on ${data}.${backend.softwareAdapter ? ' This WebGPU adapter is software (the GPU is emulated on the CPU), so expect it to be slow.' : ''}`);
    bars.clear('Draw a digit: the model in training reads it.');
  },
  step({ epoch, step, globalStep, loss, samplesPerSecond, etaSeconds }) {
    charts.addStep(globalStep, loss);
    text('epoch', `${epoch}, step ${step} of ${stepsPerEpoch}`);
    text('speed', Math.round(samplesPerSecond).toLocaleString('en-US'));
    text('eta', formatDuration(etaSeconds));
  },
  epoch({ report }) {
    charts.addEpoch(report.epoch, report.trainAccuracy, report.testAccuracy);
    showEpoch(report);
    showStatus(`Epoch ${report.epoch}: test accuracy ${formatPercent(report.testAccuracy)}, train accuracy ${formatPercent(report.trainAccuracy)}, mean loss ${report.loss.toFixed(4)}, ${report.epochSeconds.toFixed(1)} s.`);
  },
  finished({ completed, seconds }) {
    text('eta', completed ? 'done' : 'stopped');
    showStatus(`${completed ? 'Finished' : 'Stopped'} after ${formatDuration(seconds)} of training. ${byId('test-accuracy').textContent !== '–' ? `Test accuracy ${byId('test-accuracy').textContent}. ` : ''}Draw a digit below, or save the model.`);
  },
  prediction({ probabilities }) {
    prediction.inFlight = false;
    bars.show(probabilities);
    requestPrediction();
  },
  saved({ fileName, bytes }) {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    showCheckpointMessage(`Saved ${fileName} (${(bytes.byteLength / 1024).toFixed(0)} KB).`);
  },
  loaded({ fileName, model, backend, epochs, testAccuracy, report, history }) {
    loading = false;
    haveModel = true;
    controls.model = model;
    showBackend(backend);
    charts.clear(epochs, 1);
    for (const entry of history) charts.addEpoch(entry.epoch, Number.NaN, entry.accuracy);
    showEpoch(report);
    text('epoch', `${epochs} (loaded)`);
    showCheckpointMessage(`Loaded ${fileName}: the ${modelName(model)} after ${epochs} epoch${epochs === 1 ? '' : 's'}, test accuracy ${formatPercent(testAccuracy)} on the 2,000 test digits.`);
    const input = pad.input();
    if (input) {
      prediction.waiting = input;
      requestPrediction();
    } else bars.clear('Draw a digit: the loaded model reads it.');
    refreshButtons();
  },
  error({ during, message }) {
    if (during === 'load' || during === 'save') {
      loading = false;
      showCheckpointMessage(during === 'load' ? `Could not load that file: ${message}` : `Could not save: ${message}`, true);
    } else if (during === 'predict') {
      prediction.inFlight = false;
      bars.clear(`Could not read the drawing: ${message}`);
    } else showStatus(`${during === 'train' ? 'Training failed' : 'Could not check the backends'}: ${message}`, true);
    refreshButtons();
  },
};

worker.onmessage = ({ data }: MessageEvent<FromWorker>) => (handlers[data.type] as (message: FromWorker) => void)(data);
worker.onerror = (event) => showStatus(`The training worker failed to start: ${event.message || 'see the browser console'}`, true);

controls.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const config = controls.config();
  if (!config) return;
  charts.clear();
  text('test-accuracy', '–');
  text('eta', '–');
  showStatus('Loading the digits and starting the backend…');
  send({ type: 'train', config });
});
controls.pause.addEventListener('click', () => send({ type: state === 'paused' ? 'resume' : 'pause' }));
controls.stop.addEventListener('click', () => send({ type: 'stop' }));
saveButton.addEventListener('click', () => send({ type: 'save' }));
loadInput.addEventListener('change', async () => {
  const file = loadInput.files?.[0];
  loadInput.value = '';
  if (!file) return;
  loading = true;
  refreshButtons();
  showCheckpointMessage(`Reading ${file.name}…`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  send({ type: 'load', fileName: file.name, bytes, backend: controls.backend }, [bytes.buffer]);
});

refreshButtons();
send({ type: 'probe' });
