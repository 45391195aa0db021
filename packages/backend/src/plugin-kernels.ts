import type { KernelOutput } from './backend.js';
import type { DType, TypedArray } from './dtype.js';
import type { FunctionDefinition } from './wasm/module-builder.js';

/**
 * Plugin kernels are data, one form per kind of backend, so that a kernel can be sent to a worker,
 * compiled for a GPU or run in place, and no backend instance is captured in a closure.
 */

/** One operand of a CPU-form kernel: its values as a typed array, with the shape and dtype. */
export interface KernelArray {
  readonly values: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * The CPU form: a pure function over typed arrays. It writes its result into `output.values`, which
 * the backend allocated (zeroed) from the output shape and dtype, and touches nothing else. A value
 * that only the data can show to be invalid is reported by throwing a `KernelDataError`; the
 * backend delivers it where its contract says (at once on the CPU, at the next read on a queue).
 */
export type CpuKernelFunction<Attributes> = (inputs: readonly KernelArray[], attributes: Attributes, output: KernelArray) => void;

/**
 * The worker form: a module each worker imports by `specifier` (a URL, or a bare specifier the
 * worker's loader resolves), whose export `exportName` is the same `CpuKernelFunction`. A worker
 * cannot receive a function, only the name of where to find one.
 */
export interface WorkerKernelModule {
  readonly specifier: string;
  readonly exportName: string;
}

/** What a WebGPU-form kernel is told about one call: the inputs' and output's shapes and dtypes. */
export interface KernelCall<Attributes> {
  readonly inputs: readonly KernelOutput[];
  readonly output: KernelOutput;
  readonly attributes: Attributes;
}

/**
 * The WebGPU form: WGSL source plus what the dispatch needs. Bindings in group 0 are, in order, one
 * read-only storage buffer per input, the read-write output buffer, then (when `uniforms` is given)
 * one uniform buffer. `bool` is stored as `u32` (0 or 1), as the contract says.
 */
export interface WebGpuKernelSource<Attributes> {
  /** The shader for this call. Pipelines are cached by `cacheKey(call)`, so shapes go in uniforms where possible. */
  readonly wgsl: (call: KernelCall<Attributes>) => string;
  /** Identifies the shader `wgsl(call)` returns; calls with equal keys share one compiled pipeline. */
  readonly cacheKey: (call: KernelCall<Attributes>) => string;
  readonly entryPoint?: string;
  /** Workgroups to dispatch in x, y, z (the backend splits a count above the device's limit). */
  readonly workgroups: (call: KernelCall<Attributes>) => readonly [number, number, number];
  /** The uniform buffer's contents, 16-byte aligned by the backend. */
  readonly uniforms?: (call: KernelCall<Attributes>) => Uint32Array | Int32Array | Float32Array;
}

/**
 * The WebAssembly form, an optional accelerator of the `cpu` form for backends whose tensors live
 * in WebAssembly memory (the CPU backend). `functions` returns the module's functions, written with
 * `@neurite/backend/wasm` (plain data: a backend may build them once and send them to workers);
 * the backend puts them in a module that imports its memory as `env.memory`, and per call invokes
 * `entry` with one byte offset per input, the output's byte offset, then the numbers of
 * `args(call)` (each converted to the entry's parameter type, i32 or f32).
 * The output is not zeroed: the kernel writes every element. It cannot report data errors (a
 * kernel that must, gives only the `cpu` form). Where the engine lacks WebAssembly SIMD the backend
 * runs the `cpu` form, which must therefore be given too.
 */
export interface WasmKernelSource<Attributes> {
  readonly functions: (features: { readonly relaxedSimd: boolean }) => readonly FunctionDefinition[];
  readonly entry: string;
  readonly args: (call: KernelCall<Attributes>) => readonly number[];
  /**
   * Optional: how a backend with several threads (the worker pool) may split one call into at
   * most `parts` calls of `entry`, run at once on different threads. Each part is the entry called
   * with every pointer moved by its `offsets` (bytes: one per input, then the output) and with its
   * own `args`. The parts must write disjoint sets of output elements, together all of them, each
   * element with the arithmetic the whole call gives it, so that results are the same bits however
   * the call is split (the kernel kit checks this in bit-exact mode). Return undefined to run the
   * call whole. Backends with one thread never call it.
   */
  readonly split?: (call: KernelCall<Attributes>, parts: number) => readonly WasmKernelPart[] | undefined;
}

/** One part of a split wasm-form call (see `WasmKernelSource.split`). */
export interface WasmKernelPart {
  /** Bytes added to each pointer: one per input, then the output's. */
  readonly offsets: readonly number[];
  readonly args: readonly number[];
}

/** A plugin op's kernels: each backend runs the form named by its `kernelForm`. */
export interface PluginKernels<Attributes> {
  readonly cpu?: CpuKernelFunction<Attributes>;
  /** Used instead of `cpu` by a CPU backend with WebAssembly SIMD (see `WasmKernelSource`). */
  readonly wasm?: WasmKernelSource<Attributes>;
  readonly worker?: WorkerKernelModule;
  readonly webgpu?: WebGpuKernelSource<Attributes>;
}

/** The kinds of kernel a backend runs, as named in `PluginKernels` (`wasm` only accelerates `cpu`). */
export type KernelForm = Exclude<keyof PluginKernels<unknown>, 'wasm'>;

export const KERNEL_FORMS: readonly KernelForm[] = ['cpu', 'worker', 'webgpu'];

/**
 * A data-dependent failure inside a kernel (an index out of range). Its message is the one the user
 * sees, naming the op they called. Queued backends record it and reject the next read or sync.
 */
export class KernelDataError extends Error {
  override readonly name = 'KernelDataError';
}

/**
 * How an index-checking kernel (gather, scatterAdd) words an out-of-range value for the op the user
 * called: `${op}: ${what} ${value} is out of range for ${size} ${range}`, e.g.
 * `crossEntropy: target 5 is out of range for 3 classes`. Without it the primitive's own wording.
 */
export interface IndexErrorLabel {
  readonly op: string;
  readonly what: string;
  readonly range: string;
}

/** The message for an index outside [0, size) of `axis`, in the words of `label` when given. */
export function indexOutOfRangeMessage(primitive: string, value: number, axis: number, size: number, label?: IndexErrorLabel): string {
  if (label) return `${label.op}: ${label.what} ${value} is out of range for ${size} ${label.range}`;
  const range = size === 0 ? 'none, the axis is empty' : `0 to ${size - 1}`;
  return `${primitive}: index ${value} is out of range for axis ${axis} of size ${size} (valid range: ${range})`;
}
