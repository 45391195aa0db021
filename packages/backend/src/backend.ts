import type { DType, TypedArray } from './dtype.js';
import type { KernelPrimitive, PrimitiveAttributes } from './primitives.js';
import type { KernelForm, PluginKernels } from './plugin-kernels.js';

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
 * A plugin kernel as a backend runs it, made by the backend from the form it takes
 * (`PluginKernels`): same calling convention as the primitive kernels, the attributes are the
 * plugin's own.
 */
export type ExtensionKernel<Attributes = Readonly<Record<string, unknown>>> = (
  inputs: readonly KernelInput[],
  attributes: Attributes,
  output: KernelOutput,
) => DataId;

/**
 * Composites a backend may run as one fused kernel, for speed and never for meaning: the front end
 * composes them from primitives (the reference the fused kernel is tested against), and the
 * gradient is the composite's. The output has the input's shape and dtype.
 */
export interface FusedAttributes {
  softmax: { readonly axis: number };
  logSoftmax: { readonly axis: number };
}

export type FusedKernelTable = { readonly [K in keyof FusedAttributes]?: ExtensionKernel<FusedAttributes[K]> };

/**
 * Optimizer updates a backend may run as one kernel per parameter instead of a dozen elementwise
 * ops, for speed and never for meaning: the optimizers' compositions from primitives are the
 * reference the fused kernels are tested against. Scalars that depend on the step count are
 * computed by the caller.
 */
export interface FusedUpdateAttributes {
  /** Inputs: param, grad, exp_avg, exp_avg_sq (and max_exp_avg_sq with amsgrad); outputs the same but grad. */
  adam: {
    readonly lr: number;
    readonly beta1: number;
    readonly beta2: number;
    readonly eps: number;
    readonly weightDecay: number;
    /** AdamW: shrink the weights by lr·weightDecay instead of adding the decay to the gradient. */
    readonly decoupledWeightDecay: boolean;
    readonly amsgrad: boolean;
    readonly maximize: boolean;
    /** lr / (1 - beta1^step). */
    readonly stepSize: number;
    /** sqrt(1 - beta2^step). */
    readonly biasCorrection2Sqrt: number;
  };
  /** Inputs: param, grad (and momentum_buffer after the first step with momentum); outputs: param (and momentum_buffer). */
  sgd: {
    readonly lr: number;
    readonly momentum: number;
    readonly dampening: number;
    readonly nesterov: boolean;
    readonly weightDecay: number;
    readonly maximize: boolean;
  };
}

/**
 * A fused update: reads its float32 inputs (all of the parameter's shape) and returns new buffers
 * for the parameter and its state, in input order without the gradient. The inputs are untouched.
 * It may decline options it cannot run here (returning undefined, before doing anything); the
 * caller then composes the update.
 */
export type FusedUpdateKernel<Attributes> = (inputs: readonly KernelInput[], attributes: Attributes) => DataId[] | undefined;

export type FusedUpdateTable = { readonly [K in keyof FusedUpdateAttributes]?: FusedUpdateKernel<FusedUpdateAttributes[K]> };

export interface BackendCapabilities {
  /** `readSync` works (the CPU backend); false where results only arrive asynchronously. */
  readonly synchronousRead: boolean;
}

export interface BackendMemory {
  readonly buffers: number;
  /** Bytes as the backend really holds them (a `bool` is 1 byte on the CPU, 4 on WebGPU). */
  readonly bytes: number;
}

/**
 * The contract every backend implements: buffer management, the primitive kernels, reads, and
 * kernels that plugins register on this instance. The rules below are what every backend keeps;
 * the conformance kit checks them.
 *
 * Execution. A kernel call validates nothing (the front end did) and returns its output buffer at
 * once. A backend may run it then (CPU) or queue it (worker pool, WebGPU); queued work runs in
 * call order.
 *
 * Errors only the data can show (an index out of range) are thrown by the kernel as a
 * `KernelDataError` whose message names the op the user called. A backend that runs kernels at
 * once lets it propagate from the op. A queued backend records the first such error; the next
 * `read` or `sync()`, whichever comes first, rejects with it, and the record is cleared. The
 * failed kernel's output holds unspecified values; every later kernel and read works as usual.
 *
 * Dtypes. `float32` is IEEE single precision. `int32` arithmetic wraps modulo 2^32 (`add`, `sub`,
 * `mul`, `neg`, sums and products). `bool` is 0 or 1, stored as one byte on the CPU (`Uint8Array`)
 * and as a `u32` on WebGPU; `bytesPerElement` says which, and `memory()` counts those bytes.
 *
 * `cast`: float to int32 truncates toward zero, NaN becomes 0, and values beyond the int32 range
 * saturate to -2147483648 or 2147483647 (as WGSL's conversion does). Anything to bool is `x != 0`
 * (so NaN is true). bool to a number is 0 or 1; int32 to float32 rounds to nearest.
 *
 * `upload(values, dtype)` takes exactly the typed array of `dtype` (Float32Array, Int32Array,
 * Uint8Array for bool) and throws for any other; for bool every non-zero byte is stored as 1.
 *
 * Buffer lifetime. `release` may come at any time, from a `FinalizationRegistry` too, and while
 * queued kernels or reads still use the buffer: those complete with the values it had, and the
 * memory is reused only once the queue no longer needs it. A read issued before the release
 * resolves; a read, kernel or second release after it is an error (a queued backend rejects the
 * read). An outstanding read counts as pending work for `release`.
 */
export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  readonly kernels: KernelTable;
  /** Which form of a plugin kernel (`PluginKernels`) this backend runs. */
  readonly kernelForm: KernelForm;
  /** Fused kernels for composites this backend runs faster than their composition. */
  readonly fusedKernels?: FusedKernelTable;
  /** Fused optimizer updates this backend runs faster than their composition. */
  readonly fusedUpdates?: FusedUpdateTable;

  /**
   * Resolves once the backend can run kernels (a GPU adapter must be awaited, workers started).
   * Called again by every `setBackend`: it resolves at once while the backend is healthy, and
   * starts afresh where it can after a failure (a lost GPU device).
   */
  initialize(): Promise<void>;
  /** Copies values into a new buffer. The caller may reuse `values` afterwards. */
  upload(values: TypedArray, dtype: DType): DataId;
  /** A new buffer of `size` elements, every one `value`. */
  fill(size: number, value: number, dtype: DType): DataId;
  /** Copies a buffer out once all work queued before it is done. */
  read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray>;
  /** Copies a buffer out synchronously; throws where `capabilities.synchronousRead` is false. */
  readSync(dataId: DataId, dtype: DType, size: number): TypedArray;
  /** Resolves once every kernel queued so far has run; rejects with a recorded kernel error. */
  sync(): Promise<void>;
  /** Frees a buffer. Pending work that reads it still completes. */
  release(dataId: DataId): void;
  /** How many bytes one element of `dtype` takes in this backend's buffers. */
  bytesPerElement(dtype: DType): number;
  /** Buffers and bytes this backend holds now. */
  memory(): BackendMemory;

  /**
   * Adds a plugin op's kernels under `name` on this instance; the backend takes the form its
   * `kernelForm` names and throws if there is none. Registering the same `kernels` object again is
   * a no-op; a different one under a name already taken is an error.
   */
  registerKernel(name: string, kernels: PluginKernels<never>): void;
  /** The plugin kernel registered as `name`, or undefined when this backend has none. */
  extensionKernel(name: string): ExtensionKernel<never> | undefined;

  /** Releases everything the backend holds (workers, devices). */
  dispose(): void;
}
