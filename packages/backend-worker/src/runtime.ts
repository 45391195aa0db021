import { KernelDataError, sizeOf, type DType, type DataId, type KernelInput, type KernelOutput, type TypedArray } from '@neurite/backend';
import { Arena, instantiateWasmKernels, kernelModule, kernelScratchBytes, wasmFeatures, type Operand, type WasmKernels } from '@neurite/backend-cpu/kernels';
import { SharedBuffer, SharedBufferStore } from './buffers.js';
import { CommandQueue } from './command-queue.js';
import { ThreadPool } from './pool.js';
import { reached, takeFailure, MAX_WORKERS, type MainToWorker, type OperandRef, type Task } from './protocol.js';
import { TaskRunner } from './task-runner.js';
import { SPLIT_MIN_ELEMENTS, SPLIT_MIN_PRODUCTS, type SplitPolicy } from './partition.js';
import { isolationProblem, defaultWorkerCount, defaultWorkerUrl } from './environment.js';
import { INLINE_MAX_ELEMENTS, PARTS_PER_WORKER, type WorkerBackendOptions } from './options.js';

export type { WorkerBackendOptions };

/** Everything one `WorkerBackend` holds: the heap, the pool of the current generation, the queue. */
export class WorkerRuntime {
  #workers = 0;
  #store: SharedBufferStore | undefined;
  #mainWasm: WasmKernels | undefined;
  #main: TaskRunner | undefined;
  #module: WebAssembly.Module | undefined;
  #relaxed = false;
  #sgemmScratch: number[] = [];
  #pool: ThreadPool | undefined;
  #queue: CommandQueue | undefined;
  #generation = 0;
  /** Each ended generation's completed count when it ended: buffers it had not written by then are lost. */
  readonly #endedAt = new Map<number, number>();
  #failure: Error | undefined;
  #inlineError: Error | undefined;
  #starting: Promise<void> | undefined;
  #disposed = false;
  readonly #plugins: MainToWorker[] = [];
  /** The heap's current buffer object (a shared memory gives a new one each time it grows). */
  #heap: ArrayBufferLike | undefined;
  #heapGeneration = -1;

  constructor(readonly backendName: string, private readonly options: WorkerBackendOptions) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw new RangeError(`createWorkerBackend: workers must be an integer from 1 to ${MAX_WORKERS}, got ${workers}`);
    }
    this.#workers = workers;
  }

  /** Threads in the pool. */
  get workers(): number {
    return this.#workers;
  }

  /** How work is split among the workers (see partition.ts). */
  get policy(): SplitPolicy {
    const thresholds = this.options.thresholds;
    return {
      workers: this.#workers, parts: this.#workers > 1 ? PARTS_PER_WORKER * this.#workers : 1, wasm: this.wasm,
      minElements: thresholds?.splitMinElements ?? SPLIT_MIN_ELEMENTS, minProducts: thresholds?.splitMinProducts ?? SPLIT_MIN_PRODUCTS,
    };
  }

  get wasm(): boolean {
    return this.#module !== undefined;
  }

  get kernelPath(): string {
    return this.#module === undefined ? 'typescript' : this.#relaxed ? 'wasm-relaxed-simd' : 'wasm-simd';
  }

  /** Throws, naming `action`, until `initialize()` has made the heap. */
  requireStarted(action: string): void {
    if (!this.#store) throw new Error(`${action}: backend '${this.backendName}' has not started; await setBackend('${this.backendName}') (or initialize()) first`);
  }

  get store(): SharedBufferStore {
    this.requireStarted(this.backendName);
    return this.#store!;
  }

  get mainRunner(): TaskRunner {
    return this.#main!;
  }

  get relaxedSimd(): boolean {
    return this.#relaxed;
  }

  start(): Promise<void> {
    if (this.#disposed) return Promise.reject(new Error(`backend '${this.backendName}' has been disposed; make a new one`));
    if (this.#pool && !this.#failure) return Promise.resolve();
    this.#starting ??= this.#startPool().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  async #startPool(): Promise<void> {
    if (!this.#store) this.#makeHeap();
    const queueOf = new CommandQueue(this.workers, (worker, commands) => pool.post(worker, { type: 'batch', commands }));
    const generation = this.#generation + 1;
    const url = this.options.workerUrl === undefined ? defaultWorkerUrl() : new URL(this.options.workerUrl);
    const arena = this.store.arena;
    const pool: ThreadPool = await ThreadPool.start(this.workers, url, (index) => ({
      type: 'start', index, memory: arena.memory, control: queueOf.control.buffer as SharedArrayBuffer,
      kernelModule: this.#module, relaxedSimd: this.#relaxed, sgemmScratch: this.#sgemmScratch[index] ?? 0,
    }), (index, reason) => this.#fail(generation, index, reason), () => queueOf.wakeAll());
    if (this.#disposed) {
      // dispose() came while the threads were starting.
      pool.terminate();
      throw new Error(`backend '${this.backendName}' was disposed while it was starting`);
    }
    for (const message of this.#plugins) pool.broadcast(message);
    this.#generation = generation;
    this.#queue = queueOf;
    this.#pool = pool;
    this.#failure = undefined;
  }

  #makeHeap(): void {
    const problem = isolationProblem();
    if (problem) throw new Error(problem);
    const arena = new Arena({ shared: true, maximumBytes: this.options.maximumBytes });
    this.#store = new SharedBufferStore(this.backendName, arena, (generation, count) =>
      generation !== this.#generation || this.#queue === undefined || this.#queue.done(count));
    const features = wasmFeatures();
    if (this.options.kernels !== 'typescript' && features.simd) {
      this.#relaxed = features.relaxedSimd;
      this.#module = kernelModule(this.#relaxed, true);
      this.#mainWasm = instantiateWasmKernels(arena.memory, arena, features, { module: this.#module });
      this.#sgemmScratch = Array.from({ length: this.workers }, () => arena.allocate(kernelScratchBytes(this.#relaxed)));
    }
    this.#main = new TaskRunner(arena.memory, this.#mainWasm, undefined);
  }

  #fail(generation: number, index: number, reason: string): void {
    if (generation !== this.#generation || this.#failure || this.#disposed) return;
    const queue = this.#queue!;
    this.#failure = new Error(
      `backend '${this.backendName}': worker ${index + 1} of ${this.workers} ${reason} ${queue.describeWorker(index)}. ` +
      `The pool has stopped: pending and later work on it fails. setBackend('${this.backendName}') starts a new pool ` +
      '(tensors it was still computing are lost), or dispose() the backend.',
    );
    queue.failure = this.#failure;
    this.#endedAt.set(generation, queue.completed);
    this.#pool?.terminate();
    queue.wakeAll();
  }

  /** Sends a plugin kernel to every worker, now and after a restart. */
  broadcast(message: MainToWorker): void {
    this.#plugins.push(message);
    this.#pool?.broadcast(message);
  }

  #usable(action: string): void {
    if (this.#disposed) throw new Error(`${action}: backend '${this.backendName}' has been disposed`);
    if (this.#failure) throw this.#failure;
    if (!this.#queue) throw new Error(`${action}: backend '${this.backendName}' has not started; await setBackend('${this.backendName}') first`);
  }

  /** A buffer that may be used now: not released, and not lost in a failed generation. */
  use(dataId: DataId, action: string): SharedBuffer {
    this.#usable(action);
    const buffer = this.store.resolve(dataId, action);
    if (buffer.generation !== this.#generation && buffer.readyAt !== 0 && !reached(this.#endedAt.get(buffer.generation) ?? 0, buffer.readyAt)) {
      throw new Error(`${action}: this tensor was still being computed when an earlier worker pool of backend '${this.backendName}' failed; compute it again`);
    }
    return buffer;
  }

  /** A buffer the main thread fills now (upload, fill). */
  allocateWritten(dtype: DType, length: number): SharedBuffer {
    this.#usable('upload');
    return this.store.allocate(dtype, length, this.#generation, 0);
  }

  /** The buffer's values in the heap, as a view on this thread (kept until the heap grows). */
  view(buffer: SharedBuffer): TypedArray {
    const generation = this.store.arena.generation;
    if (buffer.view === undefined || buffer.viewGeneration !== generation) {
      if (this.#heapGeneration !== generation) {
        this.#heap = this.store.arena.memory.buffer;
        this.#heapGeneration = generation;
      }
      const heap = this.#heap!;
      buffer.view = buffer.dtype === 'float32' ? new Float32Array(heap, buffer.offset, buffer.length)
        : buffer.dtype === 'int32' ? new Int32Array(heap, buffer.offset, buffer.length) : new Uint8Array(heap, buffer.offset, buffer.length);
      buffer.viewGeneration = generation;
    }
    return buffer.view;
  }

  release(dataId: DataId): void {
    const queue = this.#queue;
    this.store.release(dataId, this.#generation, queue ? queue.submitted : 0);
  }

  #ready(buffer: SharedBuffer): boolean {
    if (buffer.readyAt === 0) return true;
    if (buffer.generation !== this.#generation || !this.#queue!.done(buffer.readyAt)) return false;
    buffer.readyAt = 0; // written: later checks need not look at the counter again
    return true;
  }

  /**
   * Runs one kernel call: allocates the outputs, then either runs it here at once with `here` (a
   * small call whose inputs are ready; kernels without `here` never run here) or submits the parts
   * `plan` makes to the workers. `plan` and `here` are made once per kernel, not per call.
   */
  run<A>(
    op: string, inputs: readonly KernelInput[], outputs: readonly KernelOutput[], attributes: A,
    plan: (inputs: OperandRef[], outputs: OperandRef[], attributes: A) => Task[],
    here?: (inputs: readonly Operand[], outputs: readonly Operand[], attributes: A) => void,
  ): SharedBuffer[] {
    this.#usable(op);
    // Plain loops: this is the path of every op, and the small ones are measured in microseconds.
    const sources: SharedBuffer[] = [];
    for (const input of inputs) sources.push(this.use(input.dataId, op));
    const results: SharedBuffer[] = [];
    for (const output of outputs) results.push(this.store.allocate(output.dtype, sizeOf(output.shape), this.#generation, 0));
    if (here && this.#small(sources, results) && this.#allReady(sources)) {
      const operands: Operand[] = [];
      for (let index = 0; index < sources.length; index++) operands.push(this.#operand(sources[index], inputs[index].shape));
      const written: Operand[] = [];
      for (let index = 0; index < results.length; index++) written.push(this.#operand(results[index], outputs[index].shape));
      try {
        here(operands, written, attributes);
      } catch (error) {
        // Deferred like a worker's, so that an op behaves the same whatever its size.
        this.#inlineError ??= error instanceof Error ? error : new Error(String(error));
      }
      return results;
    }
    const queue = this.#queue!;
    const tasks = plan(sources.map((buffer, index) => buffer.ref(inputs[index].shape)), results.map((buffer, index) => buffer.ref(outputs[index].shape)), attributes);
    const end = queue.endOfNext(tasks.length);
    const placed = tasks.map((task) => (task.kind === 'primitive' && task.scratch
      ? { ...task, scratch: { offset: this.store.scratch(task.scratch.bytes, this.#generation, end), bytes: task.scratch.bytes } }
      : task));
    queue.submit(op, placed);
    for (const buffer of results) buffer.readyAt = end;
    return results;
  }

  #allReady(sources: readonly SharedBuffer[]): boolean {
    for (const buffer of sources) if (!this.#ready(buffer)) return false;
    return true;
  }

  #small(sources: readonly SharedBuffer[], results: readonly SharedBuffer[]): boolean {
    const limit = this.options.thresholds?.inlineMaxElements ?? INLINE_MAX_ELEMENTS;
    for (const buffer of sources) if (buffer.length > limit) return false;
    for (const buffer of results) if (buffer.length > limit) return false;
    return true;
  }

  /** A buffer as a kernel operand on this thread: its view of the heap (cached until the heap grows). */
  #operand(buffer: SharedBuffer, shape: readonly number[]): Operand {
    return { values: this.view(buffer), shape, dtype: buffer.dtype, offset: buffer.offset };
  }

  /** Resolves once everything submitted so far has run; rejects with a recorded kernel error. */
  async drain(): Promise<void> {
    this.#usable('sync');
    const queue = this.#queue!;
    const pool = this.#pool!;
    const target = queue.submitted;
    if (!queue.done(target)) {
      pool.hold();
      try {
        await queue.waitFor(target, () => (this.#disposed ? new Error(`backend '${this.backendName}' was disposed while work was pending`) : queue.failure));
      } finally {
        pool.release();
      }
    }
    const inline = this.#inlineError;
    this.#inlineError = undefined;
    const recorded = takeFailure(queue.control);
    if (inline) throw inline;
    if (recorded) throw recorded.kind === 1 ? new KernelDataError(recorded.message) : new Error(recorded.message);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#pool?.terminate();
    this.#queue?.wakeAll();
    this.#store?.dispose();
  }
}

