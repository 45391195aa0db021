import type { DType, KernelInput } from '@neurite/backend';
import type { BindingSignature } from '../runtime/pipeline-cache.js';
import type { TensorBuffer } from '../runtime/tensor-buffer.js';

/** A shader and how it binds, identified by `key` (the pipeline cache's key). */
export interface Program {
  readonly key: string;
  /** The op the user called, for a compilation error. */
  readonly label: string;
  readonly signature: BindingSignature;
  readonly source: () => string;
  /** The shader's entry point (default `main`). */
  readonly entryPoint?: string;
}

/** A buffer to bind: a tensor, or the backend's data-error slots. */
export type Bindable = TensorBuffer | { readonly buffer: GPUBuffer; readonly bindingSize: number };

/** What kernels need of the backend: buffers, dispatch and the device's limits. */
export interface KernelRuntime {
  readonly maxWorkgroupsPerDimension: number;
  /** Storage buffers one shader may bind (inputs and outputs together). */
  readonly maxStorageBuffers: number;
  /** The tensor behind a kernel input, checked to be live and of this device. */
  input(input: KernelInput, op: string): TensorBuffer;
  /** A new output buffer for `size` elements, checked against the device's binding limit. */
  allocate(size: number, dtype: DType, op: string): TensorBuffer;
  /** Records one dispatch: bindings are inputs, then outputs; `uniform` is bound after them. */
  run(program: Program, bindings: readonly Bindable[], uniform: Uint32Array | undefined, workgroups: readonly [number, number, number]): void;
  /** A data-error slot for the dispatch about to be recorded, and the buffer to bind it with. */
  errorSlot(message: (value: number) => string): { readonly slot: number; readonly binding: Bindable };
}

/**
 * Folds `count` workgroups into a grid under the per-dimension limit; shaders linearise it as
 * `wid.x + wid.y * nwg.x` (`LINEAR_WORKGROUP`) and skip the few past the end.
 */
export function grid(count: number, limit: number): [number, number, number] {
  if (count <= limit) return [Math.max(1, count), 1, 1];
  const rows = Math.ceil(count / limit);
  if (rows > limit) throw new Error(`webgpu: ${count} workgroups exceed the device's grid of ${limit} × ${limit}`);
  return [Math.ceil(count / rows), rows, 1];
}
