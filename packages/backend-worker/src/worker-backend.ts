import {
  ExtensionKernelRegistry, KERNEL_PRIMITIVES,
  type Backend, type BackendCapabilities, type BackendMemory, type DType, type DataId, type ExtensionKernel, type FusedKernelTable,
  type FusedUpdateTable, type KernelInput, type KernelOutput, type KernelPrimitive, type KernelTable, type PluginKernels, type TypedArray,
} from '@neurite/backend';
import { WorkerRuntime, type WorkerBackendOptions } from './runtime.js';
import { splitPrimitive, splitRowwise } from './partition.js';
import { pluginKernel } from './plugin-kernels.js';
import { fusedUpdates } from './fused-updates.js';
import type { OperandRef, Task } from './protocol.js';
import { arrayNameOf, checkUploadValues, copyUploadValues, type Operand } from '@neurite/backend-cpu/kernels';

/** Reductions whose WebAssembly kernels take temporaries (8 bytes per output element at most). */
const SCRATCH_OPS = new Set<string>(['sum', 'argmax', 'argmin']);

/**
 * The worker pool backend: the CPU backend's kernels on N threads over one shared heap. Kernel
 * calls return their output at once and run later, in order, split among the workers so that
 * each output element is computed by one of them with the CPU's arithmetic: results are the CPU
 * backend's bits, whatever N is. Small ops whose inputs are ready run at once on the calling
 * thread, with the same kernels. Reads wait without blocking: the worker that completes what a read awaits posts a message.
 */
export class WorkerBackend implements Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities = { synchronousRead: false };
  readonly kernelForm = 'worker';
  readonly kernels: KernelTable;
  readonly fusedKernels: FusedKernelTable;
  readonly fusedUpdates: FusedUpdateTable;

  readonly #runtime: WorkerRuntime;
  readonly #extensions: ExtensionKernelRegistry<'worker'>;

  constructor(options: WorkerBackendOptions = {}) {
    this.name = options.name ?? 'worker';
    this.#runtime = new WorkerRuntime(this.name, options);
    const runtime = this.#runtime;
    this.#extensions = new ExtensionKernelRegistry(this.name, 'worker', (name, module, forms) => pluginKernel(runtime, name, module, forms));
    const table: Partial<Record<KernelPrimitive, unknown>> = {};
    for (const op of KERNEL_PRIMITIVES) table[op] = primitiveKernel(runtime, op);
    this.kernels = table as KernelTable;
    const rowwise = (op: 'softmax' | 'logSoftmax') => {
      const plan = (refs: OperandRef[], [out]: OperandRef[], attributes: { readonly axis: number }): Task[] =>
        (splitRowwise(attributes.axis, refs[0], out, runtime.policy) ?? [{ inputs: refs, output: out }])
          .map((share) => ({ kind: 'fused', op, inputs: share.inputs, output: share.output, attributes }));
      const here = (operands: readonly Operand[], [out]: readonly Operand[], attributes: { readonly axis: number }) => runtime.mainRunner.fused(op, operands, attributes, out);
      return (inputs: readonly KernelInput[], attributes: { readonly axis: number }, output: KernelOutput) => runtime.run(op, inputs, [output], attributes, plan, here)[0];
    };
    this.fusedKernels = { softmax: rowwise('softmax'), logSoftmax: rowwise('logSoftmax') };
    this.fusedUpdates = fusedUpdates(runtime);
  }

  /** How many worker threads the pool runs (known once `initialize()` has resolved). */
  get workers(): number {
    return this.#runtime.workers;
  }

  /** 'wasm-relaxed-simd', 'wasm-simd' or 'typescript': the CPU backend's kernel path, on every thread. */
  get kernelPath(): string {
    return this.#runtime.kernelPath;
  }

  initialize(): Promise<void> {
    return this.#runtime.start();
  }

  upload(values: TypedArray, dtype: DType): DataId {
    checkUploadValues(values, dtype);
    const buffer = this.#runtime.allocateWritten(dtype, values.length);
    copyUploadValues(this.#runtime.view(buffer), values, dtype);
    return buffer;
  }

  fill(size: number, value: number, dtype: DType): DataId {
    const buffer = this.#runtime.allocateWritten(dtype, size);
    this.#runtime.view(buffer).fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
    return buffer;
  }

  async read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray> {
    const buffer = this.#runtime.use(dataId, 'read');
    if (buffer.dtype !== dtype) throw new Error(`read: the buffer holds ${arrayNameOf(buffer.dtype)} values, not ${dtype}`);
    if (buffer.length !== size) throw new Error(`read: the buffer holds ${buffer.length} elements, not ${size}`);
    buffer.pendingReads++;
    try {
      await this.#runtime.drain();
      const view = this.#runtime.view(buffer);
      // A copy the caller owns, out of the shared heap (the constructor's copy is the fastest from shared memory).
      const copy = new (view.constructor as new (source: TypedArray) => TypedArray)(view);
      return copy;
    } finally {
      buffer.pendingReads--;
      this.#runtime.store.collect();
    }
  }

  readSync(): TypedArray {
    throw new Error(`readSync: the '${this.name}' backend runs its work on worker threads and reads only asynchronously; use await tensor.data()`);
  }

  sync(): Promise<void> {
    return this.#runtime.drain();
  }

  release(dataId: DataId): void {
    this.#runtime.release(dataId);
  }

  bytesPerElement(dtype: DType): number {
    return dtype === 'bool' ? 1 : 4;
  }

  memory(): BackendMemory {
    return this.#runtime.store.memory();
  }

  /** The shared heap: its size, what live blocks take, and its cap. */
  heap(): { readonly heapBytes: number; readonly bytesInUse: number; readonly maximumBytes: number } {
    const arena = this.#runtime.store.arena;
    return { heapBytes: arena.heapBytes, bytesInUse: arena.bytesInUse, maximumBytes: arena.maximumBytes };
  }

  registerKernel(name: string, kernels: PluginKernels<never>): void {
    this.#extensions.register(name, kernels);
  }

  extensionKernel(name: string): ExtensionKernel<never> | undefined {
    return this.#extensions.get(name);
  }

  /** Ends every worker; pending reads reject. Buffers already read stay with their readers. */
  dispose(): void {
    this.#runtime.dispose();
  }

}

/** A primitive's kernel on the pool: its plan (split or whole) and its run on this thread, made once. */
function primitiveKernel(runtime: WorkerRuntime, op: KernelPrimitive) {
  const scratch = SCRATCH_OPS.has(op);
  const plan = (refs: OperandRef[], [out]: OperandRef[], attributes: unknown): Task[] =>
    (splitPrimitive(op, refs, attributes as never, out, runtime.policy) ?? [{ inputs: refs, output: out }]).map((share): Task => ({
      kind: 'primitive', op, inputs: share.inputs, output: share.output, attributes, rows: share.rows,
      scratch: runtime.wasm && scratch ? { offset: 0, bytes: 8 * share.output.length + 16 } : undefined,
    }));
  const here = (operands: readonly Operand[], [out]: readonly Operand[], attributes: unknown) => runtime.mainRunner.primitive(op, operands, attributes, out);
  return (inputs: readonly KernelInput[], attributes: unknown, output: KernelOutput): DataId => runtime.run(op, inputs, [output], attributes, plan, here)[0];
}
