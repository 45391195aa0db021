import { bytesPerElement, type BackendMemory, type DType, type DataId, type TypedArray } from '@neurite/backend';
import type { Arena } from './wasm/arena.js';

function viewOf(buffer: ArrayBufferLike, dtype: DType, offset: number, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, offset, length);
    case 'int32':
      return new Int32Array(buffer, offset, length);
    case 'bool':
      return new Uint8Array(buffer, offset, length);
  }
}

/**
 * The CPU backend's `DataId`: a block of the heap, `length` elements of `dtype` at byte `offset`,
 * until it is released. Its typed-array view is cached and remade when the memory has grown (a
 * grown memory detaches the views made before).
 */
export class CpuBuffer {
  #view: TypedArray | undefined;
  #generation = -1;
  released = false;

  constructor(readonly offset: number, readonly length: number, readonly dtype: DType, readonly byteLength: number) {}

  view(arena: Arena): TypedArray {
    if (this.#generation !== arena.generation || this.#view === undefined) {
      this.#view = viewOf(arena.memory.buffer, this.dtype, this.offset, this.length);
      this.#generation = arena.generation;
    }
    return this.#view;
  }

  forgetView(): void {
    this.#view = undefined;
  }
}

export interface CpuBufferStoreOptions {
  /**
   * Overwrite released blocks with NaN bytes, so a kernel that assumed a zeroed output (the
   * heap's blocks are reused, not zeroed) fails its tests instead of passing by luck.
   */
  readonly poisonReleased?: boolean;
}

/** Creates, resolves and releases CPU buffers in the heap, and counts what is alive. */
export class CpuBufferStore {
  #buffers = 0;
  #bytes = 0;
  #disposed = false;

  constructor(private readonly backendName: string, readonly arena: Arena, private readonly options: CpuBufferStoreOptions = {}) {}

  /** A new buffer of `length` elements. Its contents are undefined unless `zeroed`. */
  allocate(dtype: DType, length: number, zeroed = false): CpuBuffer {
    if (this.#disposed) throw new Error(`backend '${this.backendName}' has been disposed; it cannot create buffers`);
    const byteLength = length * bytesPerElement(dtype);
    const buffer = new CpuBuffer(this.arena.allocate(byteLength), length, dtype, byteLength);
    this.#buffers++;
    this.#bytes += byteLength;
    if (zeroed) buffer.view(this.arena).fill(0);
    return buffer;
  }

  /** The live values of a buffer (a view into the heap, valid until the next allocation). */
  valuesOf(dataId: DataId, action: string): TypedArray {
    return this.resolve(dataId, action).view(this.arena);
  }

  /** The buffer behind `dataId`, checked to be this store's and not released. */
  resolve(dataId: DataId, action: string): CpuBuffer {
    if (!(dataId instanceof CpuBuffer)) {
      throw new Error(`${action}: the data id is not a buffer of backend '${this.backendName}'`);
    }
    if (dataId.released) throw new Error(`${action}: the buffer has already been released`);
    return dataId;
  }

  release(dataId: DataId): void {
    if (!(dataId instanceof CpuBuffer)) throw new Error(`release: the data id is not a buffer of backend '${this.backendName}'`);
    if (dataId.released) throw new Error('release: the buffer has already been released (released twice)');
    if (this.options.poisonReleased) new Uint8Array(this.arena.memory.buffer, dataId.offset, dataId.byteLength).fill(0xff);
    dataId.released = true;
    dataId.forgetView();
    this.arena.free(dataId.offset, dataId.byteLength);
    this.#buffers--;
    this.#bytes -= dataId.byteLength;
  }

  memory(): BackendMemory {
    return { buffers: this.#buffers, bytes: this.#bytes };
  }

  /**
   * Refuses new buffers. Existing ones stay readable and releasable (and counted), so tensors
   * made before can still be read and disposed.
   */
  dispose(): void {
    this.#disposed = true;
  }
}
