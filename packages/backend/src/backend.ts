import type { DType, TypedArray } from './dtype.js';
import type { KernelPrimitive, PrimitiveAttributes } from './primitives.js';

/**
 * A backend's handle to one buffer. Opaque to everything above the backend: a CPU backend may use a
 * typed array, a worker backend a SharedArrayBuffer slot, WebGPU a GPUBuffer.
 */
export type DataId = object;

/** A kernel input: a buffer plus the metadata the front end already knows. */
export interface KernelInput {
  readonly dataId: DataId;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** What a kernel must produce. The front end computed and validated it. */
export interface KernelOutput {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * A kernel enqueues (or runs) one primitive and returns the output buffer at once. A backend that
 * queues work returns a buffer whose contents are ready by the time `read` resolves.
 */
export type Kernel<P extends KernelPrimitive> = (
  inputs: readonly KernelInput[],
  attributes: PrimitiveAttributes[P],
  output: KernelOutput,
) => DataId;

/** One kernel per primitive. A missing kernel is a compile error in the backend that omits it. */
export type KernelTable = { readonly [P in KernelPrimitive]: Kernel<P> };

/**
 * A kernel a plugin adds for its own op. Same calling convention as the primitive kernels; the
 * attributes are the plugin's own.
 */
export type ExtensionKernel<Attributes = Readonly<Record<string, unknown>>> = (
  inputs: readonly KernelInput[],
  attributes: Attributes,
  output: KernelOutput,
) => DataId;

export interface BackendCapabilities {
  /** `readSync` works (the CPU backend); false where results only arrive asynchronously. */
  readonly synchronousRead: boolean;
  /** Buffers live in memory shared with other threads (SharedArrayBuffer). */
  readonly sharedMemory: boolean;
  /** Work is queued and runs later (worker pool, GPU); false if kernels run to completion at once. */
  readonly queued: boolean;
}

export interface BackendMemory {
  readonly buffers: number;
  readonly bytes: number;
}

/**
 * The contract every backend implements: buffer management, the primitive kernels, reads, and
 * kernels that plugins register on this instance.
 */
export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  readonly kernels: KernelTable;

  /** Resolves once the backend can run kernels (a GPU adapter must be awaited, workers started). */
  initialize(): Promise<void>;
  /** Copies values into a new buffer. The caller may reuse `values` afterwards. */
  upload(values: TypedArray, dtype: DType): DataId;
  /** A new buffer of `size` elements, every one `value`. */
  fill(size: number, value: number, dtype: DType): DataId;
  /** Copies a buffer out once all work that writes it is done. */
  read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray>;
  /** Copies a buffer out synchronously; throws where `capabilities.synchronousRead` is false. */
  readSync(dataId: DataId, dtype: DType, size: number): TypedArray;
  /** Frees a buffer. Pending work that reads it still completes. */
  release(dataId: DataId): void;
  /** Buffers and bytes this backend holds now. */
  memory(): BackendMemory;

  /** Adds a plugin kernel for `name` on this backend instance. */
  registerKernel(name: string, kernel: ExtensionKernel<never>): void;
  /** The plugin kernel for `name`, or undefined when this backend has none. */
  extensionKernel(name: string): ExtensionKernel<never> | undefined;

  /** Releases everything the backend holds (workers, devices). */
  dispose(): void;
}
