import { MODEL_DEFAULTS } from '../../../src/options.js';
import type { BackendAvailability, BackendName, ModelName, RunState, TrainingConfig } from '../protocol.js';

const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', worker: 'Worker pool', cpu: 'CPU' };

/** The training form: model, backend, epochs, batch size, learning rate and the run buttons. */
export class TrainingControls {
  readonly form = byId<HTMLFormElement>('train-form');
  readonly #backend = byId<HTMLSelectElement>('backend');
  readonly #epochs = byId<HTMLInputElement>('epochs');
  readonly #batchSize = byId<HTMLInputElement>('batch-size');
  readonly #lr = byId<HTMLInputElement>('lr');
  readonly start = byId<HTMLButtonElement>('start');
  readonly pause = byId<HTMLButtonElement>('pause');
  readonly stop = byId<HTMLButtonElement>('stop');

  constructor() {
    // Each model has its own good defaults (the CLI's): switching model switches them.
    for (const radio of this.#modelRadios()) radio.addEventListener('change', () => this.#applyDefaults());
    this.#applyDefaults();
    this.#setEnabled(false);
  }

  /** Fills the backend picker; unavailable backends are listed, disabled, with the reason. */
  showBackends(backends: readonly BackendAvailability[], best: BackendName): void {
    this.#backend.replaceChildren(
      ...backends.map((backend) => {
        const option = new Option(backend.available ? BACKEND_LABELS[backend.name] : `${BACKEND_LABELS[backend.name]}: not available`, backend.name, false, backend.name === best);
        option.disabled = !backend.available;
        return option;
      }),
    );
    byId('backend-notes').replaceChildren(
      ...backends.map((backend) => {
        const item = document.createElement('li');
        item.textContent = `${BACKEND_LABELS[backend.name]}: ${backend.available ? '' : 'not available, '}${backend.note}.`;
        return item;
      }),
    );
  }

  get backend(): BackendName {
    return this.#backend.value as BackendName;
  }

  set model(name: ModelName) {
    for (const radio of this.#modelRadios()) radio.checked = radio.value === name;
    this.#applyDefaults();
  }

  /** The form's values, or null after the browser has told the user what is wrong with them. */
  config(): TrainingConfig | null {
    if (!this.form.reportValidity()) return null;
    const model = this.#modelRadios().find((radio) => radio.checked)!.value as ModelName;
    return { model, backend: this.backend, epochs: this.#epochs.valueAsNumber, batchSize: this.#batchSize.valueAsNumber, lr: this.#lr.valueAsNumber };
  }

  /** Enables what makes sense in `state`; the form is only editable while nothing runs. */
  showState(state: RunState | 'loading'): void {
    const idle = state === 'idle';
    this.#setEnabled(idle);
    this.start.disabled = !idle;
    this.pause.disabled = state !== 'training' && state !== 'paused';
    this.pause.textContent = state === 'paused' ? 'Resume' : 'Pause';
    this.stop.disabled = state !== 'training' && state !== 'paused';
  }

  #setEnabled(enabled: boolean): void {
    for (const element of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) element.disabled = !enabled;
  }

  #modelRadios(): HTMLInputElement[] {
    return [...this.form.querySelectorAll<HTMLInputElement>('input[name="model"]')];
  }

  #applyDefaults(): void {
    const model = this.#modelRadios().find((radio) => radio.checked)!.value as ModelName;
    const defaults = MODEL_DEFAULTS[model];
    this.#epochs.value = String(defaults.epochs);
    this.#batchSize.value = String(defaults.batchSize);
    this.#lr.value = String(defaults.lr);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
