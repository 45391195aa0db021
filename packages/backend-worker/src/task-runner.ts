import { type CpuKernelFunction, type DType, type FusedAttributes, type KernelPrimitive, type TypedArray } from '@neurite/backend';
import {
  fusedOperandKernels, operandKernels, runAdamUpdate, runSgdUpdate, wasmMatmulRowRange,
  type FusedUpdateRunner, type Operand, type OperandKernelTable, type ScratchSpace, type WasmKernels,
} from '@neurite/backend-cpu/kernels';
import type { OperandRef, ScratchRegion, Task } from './protocol.js';

const VIEWS: Readonly<Record<DType, { new (buffer: ArrayBufferLike, offset: number, length: number): TypedArray; readonly BYTES_PER_ELEMENT: number }>> = {
  float32: Float32Array, int32: Int32Array, bool: Uint8Array,
};

/**
 * Temporaries of one task on a worker: a bump allocator over the block the main thread set aside
 * for that task (it alone owns the heap's allocator). A kernel that asks for more than the main
 * thread reserved is a bug in the reservation, said plainly.
 */
export class TaskScratch implements ScratchSpace {
  #next = 0;
  #end = 0;

  use(region: ScratchRegion | undefined): void {
    this.#next = region?.offset ?? 0;
    this.#end = region ? region.offset + region.bytes : 0;
  }

  allocate(bytes: number): number {
    const offset = this.#next;
    const end = offset + Math.ceil(bytes / 16) * 16;
    if (end > this.#end) throw new Error(`worker scratch: a kernel asked for ${bytes} bytes of temporaries, more than its task reserved`);
    this.#next = end;
    return offset;
  }

  free(): void {
    // Released with the task's block, by the main thread.
  }
}

/**
 * Runs tasks over the shared heap with the CPU backend's kernels: on each worker, and on the main
 * thread for the small ops it runs itself. The same kernels everywhere, so every thread gives the
 * CPU backend's bits.
 */
export class TaskRunner {
  readonly #kernels: OperandKernelTable;
  readonly #matmulRows: ReturnType<typeof wasmMatmulRowRange> | undefined;
  #heap: ArrayBufferLike | undefined;
  readonly #plugins = new Map<string, ((...args: number[]) => void) | CpuKernelFunction<never> | Error>();

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly wasm: WasmKernels | undefined,
    private readonly scratch: TaskScratch | undefined,
  ) {
    this.#kernels = operandKernels(wasm);
    this.#matmulRows = wasm ? wasmMatmulRowRange(wasm) : undefined;
  }

  /** A plugin kernel: a wasm entry, a module's CPU function, or why it could not be loaded. */
  addPlugin(name: string, kernel: ((...args: number[]) => void) | CpuKernelFunction<never> | Error): void {
    this.#plugins.set(name, kernel);
  }

  hasPlugin(name: string): boolean {
    return this.#plugins.has(name);
  }

  /** A primitive's kernel on operands this thread already holds (the main thread's small ops). */
  primitive(op: KernelPrimitive, inputs: readonly Operand[], attributes: unknown, output: Operand): void {
    (this.#kernels[op] as (inputs: readonly Operand[], attributes: unknown, output: Operand) => void)(inputs, attributes, output);
  }

  fused(op: keyof FusedAttributes, inputs: readonly Operand[], attributes: unknown, output: Operand): void {
    (fusedOperandKernels[op] as (inputs: readonly Operand[], attributes: unknown, output: Operand) => void)(inputs, attributes, output);
  }

  run(task: Task): void {
    switch (task.kind) {
      case 'primitive': {
        this.scratch?.use(task.scratch);
        const inputs = task.inputs.map((ref) => this.#operand(ref));
        const output = this.#operand(task.output);
        if (task.rows) this.#matmulRows!(inputs, task.attributes as { transposeA: boolean; transposeB: boolean }, output, task.rows[0], task.rows[1]);
        else this.primitive(task.op, inputs, task.attributes, output);
        return;
      }
      case 'fused':
        this.fused(task.op, task.inputs.map((ref) => this.#operand(ref)), task.attributes, this.#operand(task.output));
        return;
      case 'update': {
        const run = (task.op === 'adam' ? runAdamUpdate : runSgdUpdate) as FusedUpdateRunner<'adam' | 'sgd'>;
        run(this.wasm!, task.inputs, task.outputs, task.size, task.attributes as never);
        return;
      }
      case 'wasm-plugin': {
        const entry = this.#plugin(task.name) as (...args: number[]) => void;
        try {
          entry(...task.pointers, ...task.args);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError) throw new Error(`${task.name}: the wasm kernel trapped (${error.message})`, { cause: error });
          throw error;
        }
        return;
      }
      case 'module-plugin': {
        const kernel = this.#plugin(task.name) as CpuKernelFunction<never>;
        const output = this.#operand(task.output);
        // The plugin contract promises a zeroed output.
        output.values.fill(0);
        kernel(task.inputs.map((ref) => this.#operand(ref)), task.attributes as never, output);
        return;
      }
    }
  }

  #plugin(name: string): ((...args: number[]) => void) | CpuKernelFunction<never> {
    const kernel = this.#plugins.get(name);
    if (kernel === undefined) throw new Error(`${name}: this thread has no kernel by that name (it was not registered on the worker backend)`);
    if (kernel instanceof Error) throw kernel;
    return kernel;
  }

  #operand(ref: OperandRef): Operand {
    // A shared memory grows in place, and a new `buffer` object covers the new length: fetch it
    // again only when a tensor lies past the one held (the getter is not free).
    const end = ref.offset + ref.length * VIEWS[ref.dtype].BYTES_PER_ELEMENT;
    if (this.#heap === undefined || end > this.#heap.byteLength) this.#heap = this.memory.buffer;
    return { values: new VIEWS[ref.dtype](this.#heap, ref.offset, ref.length), shape: ref.shape, dtype: ref.dtype, offset: ref.offset };
  }
}
