/**
 * The WebGPU backend's `DataId`: one tensor's storage. The GPU buffer may be larger than the tensor
 * (pool buckets), so bindings name `bytes` explicitly and shaders see the tensor's own length.
 */
export class TensorBuffer {
  /** Set by `release`; no new work may use it, though work recorded before still does. */
  released = false;

  constructor(
    readonly buffer: GPUBuffer,
    /** The tensor's bytes (4 per element, bool included). */
    readonly bytes: number,
    /** The device generation it was made on: buffers from a lost device are refused by name. */
    readonly generation: number,
    /** Shared with other ids (a cached scalar): released to nobody. */
    readonly shared = false,
  ) {}

  /** The binding size: WebGPU refuses empty bindings, so an empty tensor binds 4 bytes it never reads. */
  get bindingSize(): number {
    return Math.max(4, this.bytes);
  }
}
