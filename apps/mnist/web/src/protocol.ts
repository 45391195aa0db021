// The messages between the page and its training worker. The worker owns the model, the data and
// the backend; the page only draws. Everything here is structured-clone data.
import type { ModelName } from '../../src/options.js';

export type { ModelName };
export type BackendName = 'webgpu' | 'worker' | 'cpu';

/** What the worker found out about one backend before any training. */
export interface BackendAvailability {
  readonly name: BackendName;
  readonly available: boolean;
  /** Why it is not available ("no WebGPU adapter", "not cross-origin isolated: ..."), or a detail when it is. */
  readonly note: string;
}

/** The backend in use, as it describes itself once started. */
export interface ActiveBackend {
  readonly name: BackendName;
  /** e.g. "SwiftShader Device (google swiftshader)" or "4 threads" or "main JS thread of the worker". */
  readonly detail: string;
  /** True for a software (CPU-emulated) WebGPU adapter such as SwiftShader. */
  readonly softwareAdapter: boolean;
}

export interface TrainingConfig {
  readonly model: ModelName;
  readonly backend: BackendName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
}

export interface MisclassifiedDigit {
  /** 784 grey levels, 0-255, row-major 28×28. */
  readonly pixels: Uint8Array;
  readonly predicted: number;
  readonly actual: number;
}

export interface EpochReport {
  readonly epoch: number;
  readonly epochs: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly loss: number;
  /** confusion[actual][predicted]. */
  readonly confusion: readonly (readonly number[])[];
  readonly misclassified: readonly MisclassifiedDigit[];
  readonly epochSeconds: number;
}

export type ToWorker =
  | { readonly type: 'probe' }
  | { readonly type: 'train'; readonly config: TrainingConfig }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'predict'; readonly id: number; readonly pixels: Float32Array }
  | { readonly type: 'save' }
  | { readonly type: 'load'; readonly fileName: string; readonly bytes: Uint8Array; readonly backend: BackendName };

export type RunState = 'idle' | 'starting' | 'training' | 'paused' | 'stopping';

export type FromWorker =
  | { readonly type: 'backends'; readonly backends: readonly BackendAvailability[]; readonly best: BackendName }
  | { readonly type: 'state'; readonly state: RunState }
  | { readonly type: 'started'; readonly backend: ActiveBackend; readonly model: ModelName; readonly parameters: number; readonly data: string; readonly epochs: number; readonly stepsPerEpoch: number }
  | { readonly type: 'step'; readonly epoch: number; readonly step: number; readonly globalStep: number; readonly loss: number; readonly samplesPerSecond: number; readonly etaSeconds: number }
  | { readonly type: 'epoch'; readonly report: EpochReport }
  | { readonly type: 'finished'; readonly completed: boolean; readonly seconds: number }
  | { readonly type: 'prediction'; readonly id: number; readonly probabilities: readonly number[] }
  | { readonly type: 'saved'; readonly fileName: string; readonly bytes: Uint8Array }
  | { readonly type: 'loaded'; readonly fileName: string; readonly model: ModelName; readonly backend: ActiveBackend; readonly epochs: number; readonly testAccuracy: number; readonly report: EpochReport;
      /** Test accuracy after each epoch, as the run that wrote the checkpoint measured it. */
      readonly history: readonly { readonly epoch: number; readonly accuracy: number }[] }
  | { readonly type: 'error'; readonly during: 'probe' | 'train' | 'predict' | 'save' | 'load'; readonly message: string };
