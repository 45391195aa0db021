import type { DType, FusedAttributes, FusedUpdateAttributes, KernelPrimitive } from '@neurite/backend';

/**
 * What the main thread and the workers say to each other. Commands are plain data (they are
 * structured-cloned into each worker); tensors are named by where they lie in the shared heap.
 */

/** One tensor of a task: its place in the heap and what it holds. */
export interface OperandRef {
  /** Byte offset in the shared heap. */
  readonly offset: number;
  /** Elements. */
  readonly length: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** A block of the heap a task may use for temporaries (a reduction's double accumulators). */
export interface ScratchRegion {
  readonly offset: number;
  readonly bytes: number;
}

/** One thread's share of one command: a whole kernel call, or a part that writes its own output elements. */
export type Task =
  | {
    readonly kind: 'primitive';
    readonly op: KernelPrimitive;
    readonly inputs: readonly OperandRef[];
    readonly output: OperandRef;
    readonly attributes: unknown;
    readonly scratch?: ScratchRegion;
    /** For a 2-D float32 matmul split by rows: the rows of the whole output this task writes. */
    readonly rows?: readonly [number, number];
  }
  | { readonly kind: 'fused'; readonly op: keyof FusedAttributes; readonly inputs: readonly OperandRef[]; readonly output: OperandRef; readonly attributes: FusedAttributes[keyof FusedAttributes] }
  | {
    readonly kind: 'update';
    readonly op: keyof FusedUpdateAttributes;
    /** Byte offsets of the inputs and outputs, already moved to this task's first element. */
    readonly inputs: readonly number[];
    readonly outputs: readonly number[];
    readonly size: number;
    readonly attributes: FusedUpdateAttributes[keyof FusedUpdateAttributes];
  }
  | { readonly kind: 'wasm-plugin'; readonly name: string; readonly pointers: readonly number[]; readonly args: readonly number[] }
  | { readonly kind: 'module-plugin'; readonly name: string; readonly inputs: readonly OperandRef[]; readonly output: OperandRef; readonly attributes: unknown };

/**
 * A command as the workers receive it: its parts, and the fence it must wait for first. The workers
 * claim the parts one at a time from a shared counter, so a thread that is slower (a busy core, a
 * cold cache) takes fewer: the split adapts, and every part is still computed the same way.
 */
export interface WorkerCommand {
  /** Numbers commands in submission order; a crash report names the command's op by it. */
  readonly seq: number;
  /** Every part of every earlier command is done once the completed-parts counter reaches this. */
  readonly start: number;
  readonly tasks: readonly Task[];
}

export type MainToWorker =
  | {
    readonly type: 'start';
    readonly index: number;
    readonly memory: WebAssembly.Memory;
    readonly control: SharedArrayBuffer;
    /** The kernel module compiled for a shared heap, or undefined to run the TypeScript kernels. */
    readonly kernelModule: WebAssembly.Module | undefined;
    readonly relaxedSimd: boolean;
    /** This worker's block for the matrix product's packing. */
    readonly sgemmScratch: number;
  }
  | { readonly type: 'batch'; readonly commands: readonly WorkerCommand[] }
  | { readonly type: 'wasm-plugin'; readonly name: string; readonly module: WebAssembly.Module; readonly entry: string }
  | { readonly type: 'module-plugin'; readonly name: string; readonly specifier: string; readonly exportName: string };

export type WorkerToMain = { readonly type: 'alive' } | { readonly type: 'ready' } | { readonly type: 'progress' };

/**
 * The control block, a SharedArrayBuffer of its own: int32 slots, then the first recorded error's
 * message as UTF-8.
 */
export const CONTROL = {
  /** Parts of commands completed since the pool started (wraps; compare with `reached`). */
  completed: 0,
  /** Parts claimed by a worker so far: a command's part i is claimed when this goes from start + i to start + i + 1. */
  claimed: 5,
  /** 0, or 1 (a KernelDataError) or 2 (another error) once a task failed; the first failure wins. */
  errorKind: 1,
  errorLength: 2,
  /** 1 while the main thread awaits the counter reaching `waitTarget`: the worker that gets it there posts 'progress'. */
  waiting: 3,
  waitTarget: 4,
  /** Then one slot per worker: the seq of the command it is running. */
  running: 6,
} as const;
export const MAX_WORKERS = 60;
const ERROR_OFFSET = 4 * (CONTROL.running + MAX_WORKERS);
const ERROR_CAPACITY = 4096;
export const CONTROL_BYTES = ERROR_OFFSET + ERROR_CAPACITY;

/** Whether a wrapping counter has reached `target` (both counted from the same start). */
export function reached(counter: number, target: number): boolean {
  return ((counter - target) | 0) >= 0;
}

/** Keeps the first failure of a task: its kind and message, in the control block. */
export function recordFailure(control: Int32Array, kind: 1 | 2, message: string): void {
  if (Atomics.compareExchange(control, CONTROL.errorKind, 0, -1) !== 0) return;
  const bytes = new TextEncoder().encode(message).subarray(0, ERROR_CAPACITY);
  // A SharedArrayBuffer view cannot be encoded into directly in every engine: copy.
  new Uint8Array(control.buffer, ERROR_OFFSET, bytes.length).set(bytes);
  Atomics.store(control, CONTROL.errorLength, bytes.length);
  Atomics.store(control, CONTROL.errorKind, kind);
}

/** Takes (and clears) the recorded failure: its kind and message, or undefined. */
export function takeFailure(control: Int32Array): { readonly kind: 1 | 2; readonly message: string } | undefined {
  const kind = Atomics.load(control, CONTROL.errorKind);
  if (kind !== 1 && kind !== 2) return undefined;
  const length = Atomics.load(control, CONTROL.errorLength);
  const message = new TextDecoder().decode(new Uint8Array(control.buffer, ERROR_OFFSET, length).slice());
  Atomics.store(control, CONTROL.errorKind, 0);
  return { kind, message };
}
