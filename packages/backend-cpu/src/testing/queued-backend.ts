import {
  ExtensionKernelRegistry,
  KERNEL_PRIMITIVES,
  sizeOf,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type CpuKernelFunction,
  type DType,
  type DataId,
  type ExtensionKernel,
  type FusedKernelTable,
  type KernelInput,
  type KernelOutput,
  type KernelTable,
  type PluginKernels,
  type TypedArray,
} from '@neurite/backend';
import { CpuBackend } from '../cpu-backend.js';
import { softmaxAlongAxis } from '../kernels/softmax.js';

/** The queued backend's `DataId`: the CPU buffer it will hold once the kernel that writes it has run. */
class QueuedBuffer {
  inner: DataId | undefined;
  /** Set by `release`: no new work may use it, though queued work still does. */
  released = false;
  constructor(readonly bytes: number) {}
}

export interface QueuedBackendOptions {
  /** Registry name (default 'queued'). */
  readonly name?: string;
  /** When queued work runs: on a timer (default; later than any microtask) or on a microtask. */
  readonly schedule?: 'timer' | 'microtask';
  /** Offer fused softmax and logSoftmax kernels, to exercise the fused-composite path (default false). */
  readonly fused?: boolean;
}

/**
 * A backend that behaves like the worker pool and WebGPU where it matters to everything above
 * them: each kernel call returns its buffer at once and runs later, in order, on the CPU kernels;
 * `readSync` is refused; a kernel's data error is recorded and rejects the next read or `sync()`;
 * `release` takes effect only after the work queued before it. Suites run on it to prove that
 * nothing above the backend relies on synchronous execution.
 */
export class QueuedBackend implements Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities = { synchronousRead: false };
  readonly kernelForm = 'cpu';
  readonly kernels: KernelTable;
  readonly fusedKernels?: FusedKernelTable;

  readonly #cpu = new CpuBackend();
  readonly #extensions: ExtensionKernelRegistry<'cpu'>;
  readonly #schedule: 'timer' | 'microtask';
  #queue: (() => void)[] = [];
  #scheduled = false;
  #error: Error | undefined;
  #buffers = 0;
  #bytes = 0;
  #disposed = false;

  constructor(options: QueuedBackendOptions = {}) {
    this.name = options.name ?? 'queued';
    this.#schedule = options.schedule ?? 'timer';
    this.#extensions = new ExtensionKernelRegistry(this.name, 'cpu', (name, kernel) => this.#compile(name, kernel));
    const table: Partial<Record<string, ExtensionKernel<never>>> = {};
    for (const primitive of KERNEL_PRIMITIVES) {
      const kernel = this.#cpu.kernels[primitive] as unknown as ExtensionKernel<never>;
      table[primitive] = this.#deferred(primitive, kernel);
    }
    this.kernels = table as unknown as KernelTable;
    if (options.fused) {
      const fused = (name: 'softmax' | 'logSoftmax') =>
        this.#deferred(name, this.#cpuFunction(`fused.${name}`, (inputs, { axis }: { axis: number }, output) => softmaxAlongAxis(inputs[0], axis, output, name === 'logSoftmax'))) as ExtensionKernel<{ readonly axis: number }>;
      this.fusedKernels = { softmax: fused('softmax'), logSoftmax: fused('logSoftmax') };
    }
  }

  initialize(): Promise<void> {
    return Promise.resolve();
  }

  upload(values: TypedArray, dtype: DType): DataId {
    // Copied now (the caller may reuse `values`), as a GPU's writeBuffer does.
    return this.#adopt(this.#cpu.upload(values, dtype), values.length, dtype);
  }

  fill(size: number, value: number, dtype: DType): DataId {
    return this.#adopt(this.#cpu.fill(size, value, dtype), size, dtype);
  }

  read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray> {
    const buffer = this.#buffer(dataId, 'read');
    if (buffer.released) return Promise.reject(new Error('read: the buffer has already been released'));
    return new Promise((resolve, reject) => {
      this.#enqueue(() => {
        const error = this.#takeError();
        if (error) reject(error);
        else {
          try {
            resolve(this.#cpu.readSync(buffer.inner!, dtype, size));
          } catch (readError) {
            reject(readError as Error);
          }
        }
      });
    });
  }

  readSync(): TypedArray {
    throw new Error(`readSync: the '${this.name}' backend runs its work later and reads only asynchronously; use await tensor.data()`);
  }

  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#enqueue(() => {
        const error = this.#takeError();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  release(dataId: DataId): void {
    const buffer = this.#buffer(dataId, 'release');
    if (buffer.released) throw new Error('release: the buffer has already been released (released twice)');
    buffer.released = true;
    // Work queued before the release (kernels reading it, reads) still sees the values.
    this.#enqueue(() => {
      if (buffer.inner !== undefined) this.#cpu.release(buffer.inner);
      buffer.inner = undefined;
      this.#buffers--;
      this.#bytes -= buffer.bytes;
    });
  }

  bytesPerElement(dtype: DType): number {
    return this.#cpu.bytesPerElement(dtype);
  }

  memory(): BackendMemory {
    return { buffers: this.#buffers, bytes: this.#bytes };
  }

  registerKernel(name: string, kernels: PluginKernels<never>): void {
    this.#extensions.register(name, kernels);
  }

  extensionKernel(name: string): ExtensionKernel<never> | undefined {
    return this.#extensions.get(name);
  }

  dispose(): void {
    this.#disposed = true;
    this.#cpu.dispose();
  }

  /** Wraps a kernel that runs on the CPU at once into one that runs when the queue reaches it. */
  #deferred(name: string, kernel: ExtensionKernel<never>): ExtensionKernel<never> {
    return (inputs: readonly KernelInput[], attributes: never, output: KernelOutput) => {
      const sources = inputs.map((input) => {
        const buffer = this.#buffer(input.dataId, name);
        if (buffer.released) throw new Error(`${name}: the buffer has already been released`);
        return { buffer, shape: input.shape, dtype: input.dtype };
      });
      const result = this.#adopt(undefined, sizeOf(output.shape), output.dtype);
      this.#enqueue(() => {
        try {
          result.inner = kernel(sources.map(({ buffer, shape, dtype }) => ({ dataId: buffer.inner!, shape, dtype })), attributes, output);
        } catch (error) {
          // Nobody is on the stack to catch it: keep the first one for the next read or sync.
          this.#error ??= error instanceof Error ? error : new Error(String(error));
          result.inner = this.#cpu.fill(sizeOf(output.shape), 0, output.dtype);
        }
      });
      return result;
    };
  }

  /** A plugin's CPU function, registered on the inner CPU backend and run from the queue. */
  #compile(name: string, kernel: CpuKernelFunction<never>): ExtensionKernel<never> {
    return this.#deferred(name, this.#cpuFunction(name, kernel));
  }

  #cpuFunction<A>(name: string, kernel: CpuKernelFunction<A>): ExtensionKernel<never> {
    this.#cpu.registerKernel(name, { cpu: kernel } as PluginKernels<never>);
    return this.#cpu.extensionKernel(name)!;
  }

  #adopt(inner: DataId | undefined, size: number, dtype: DType): QueuedBuffer {
    if (this.#disposed) throw new Error(`backend '${this.name}' has been disposed; it cannot create buffers`);
    const buffer = new QueuedBuffer(size * this.bytesPerElement(dtype));
    buffer.inner = inner;
    this.#buffers++;
    this.#bytes += buffer.bytes;
    return buffer;
  }

  #buffer(dataId: DataId, action: string): QueuedBuffer {
    if (!(dataId instanceof QueuedBuffer)) throw new Error(`${action}: the data id is not a buffer of backend '${this.name}'`);
    return dataId;
  }

  #takeError(): Error | undefined {
    const error = this.#error;
    this.#error = undefined;
    return error;
  }

  #enqueue(task: () => void): void {
    this.#queue.push(task);
    if (this.#scheduled) return;
    this.#scheduled = true;
    const drain = () => {
      this.#scheduled = false;
      const tasks = this.#queue;
      this.#queue = [];
      for (const run of tasks) run();
    };
    if (this.#schedule === 'microtask') queueMicrotask(drain);
    else setTimeout(drain, 0);
  }
}

/** A new queued test backend (see `QueuedBackend`). */
export function createQueuedBackend(options: QueuedBackendOptions = {}): QueuedBackend {
  return new QueuedBackend(options);
}
