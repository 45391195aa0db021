/** What `createWorkerBackend` takes, and the sizes that decide where an op runs. */

export interface WorkerBackendOptions {
  /** Registry name (default 'worker'). */
  readonly name?: string;
  /** Worker threads (default: the cores this machine has, at least 1). */
  readonly workers?: number;
  /** Cap on the shared heap in bytes (default: the 4 GiB of wasm32). */
  readonly maximumBytes?: number;
  /** 'auto' (default): WebAssembly SIMD kernels where the engine has SIMD; 'typescript': the TypeScript kernels. */
  readonly kernels?: 'auto' | 'typescript';
  /** Where the worker script is, for bundlers that move it (default: `worker.js` beside this package's build). */
  readonly workerUrl?: string | URL;
  /**
   * Sizes that decide where an op runs (defaults measured on a 2-core machine). Results do not
   * depend on them; tests set them to force every op onto the workers and split.
   */
  readonly thresholds?: {
    /** Ops with at most this many elements (inputs and output) and ready inputs run on the calling thread; -1: never. */
    readonly inlineMaxElements?: number;
    /** Ops with fewer elements run whole on one worker. */
    readonly splitMinElements?: number;
    /** Matrix products with fewer multiply-adds run whole on one worker. */
    readonly splitMinProducts?: number;
  };
}

/** A split op is cut into this many parts per worker, which the workers claim as they come free. */
export const PARTS_PER_WORKER = 2;

/**
 * Ops at most this large whose inputs are ready run on the calling thread. A command costs about
 * 10 µs more than the same op run here (a chain of dependent 8,192-element multiplies: 15 µs per
 * op queued, 5 on the CPU backend), and 4,096 elements of elementwise work take about 2 µs. (A
 * training step measured no difference between 4,096 and 16,384, within this machine's noise.)
 */
export const INLINE_MAX_ELEMENTS = 4096;
