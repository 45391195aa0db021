// The training worker: owns the backend, data and model, so that training never blocks the page.
// It answers the page's messages (see protocol.ts); every failure comes back as an 'error' message
// the page shows, never as an uncaught exception.
import type { FromWorker, ToWorker } from './protocol.js';
import { bestBackend, probeBackends } from './worker/backend-probe.js';
import { TrainingSession } from './worker/session.js';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const session = new TrainingSession(post);

function report(during: Extract<FromWorker, { type: 'error' }>['during'], work: Promise<void>): void {
  work.catch((error: unknown) => {
    post({ type: 'error', during, message: error instanceof Error ? error.message : String(error) });
  });
}

scope.onmessage = ({ data: message }) => {
  switch (message.type) {
    case 'probe':
      report('probe', probeBackends().then((backends) => post({ type: 'backends', backends, best: bestBackend(backends) })));
      break;
    case 'train':
      report('train', session.train(message.config));
      break;
    case 'pause':
      session.pause();
      break;
    case 'resume':
      session.resume();
      break;
    case 'stop':
      session.stop();
      break;
    case 'predict':
      report('predict', session.predict(message.id, message.pixels));
      break;
    case 'save':
      report('save', session.save());
      break;
    case 'load':
      report('load', session.load(message.fileName, message.bytes, message.backend));
      break;
  }
};
