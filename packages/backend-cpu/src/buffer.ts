import type { BackendMemory, DataId, TypedArray } from '@neurite/backend';

/** The CPU backend's `DataId`: a typed array, until the buffer is released. */
export class CpuBuffer {
  constructor(public values: TypedArray | undefined) {}
}

/** Creates, resolves and releases CPU buffers, and counts what is alive. */
export class CpuBufferStore {
  #buffers = 0;
  #bytes = 0;
  #disposed = false;

  constructor(private readonly backendName: string) {}

  /** Wraps `values` (not copied) in a new buffer. */
  adopt(values: TypedArray): CpuBuffer {
    if (this.#disposed) throw new Error(`backend '${this.backendName}' has been disposed; it cannot create buffers`);
    this.#buffers++;
    this.#bytes += values.byteLength;
    return new CpuBuffer(values);
  }

  /** The live values of a buffer (not a copy). `action` names the caller in error messages. */
  valuesOf(dataId: DataId, action: string): TypedArray {
    const values = this.#buffer(dataId, action).values;
    if (values === undefined) throw new Error(`${action}: the buffer has already been released`);
    return values;
  }

  release(dataId: DataId): void {
    const buffer = this.#buffer(dataId, 'release');
    const values = buffer.values;
    if (values === undefined) throw new Error('release: the buffer has already been released (released twice)');
    buffer.values = undefined;
    this.#buffers--;
    this.#bytes -= values.byteLength;
  }

  memory(): BackendMemory {
    return { buffers: this.#buffers, bytes: this.#bytes };
  }

  /**
   * Refuses new buffers. Existing ones stay readable and releasable (and counted) because only the
   * garbage collector can free a typed array.
   */
  dispose(): void {
    this.#disposed = true;
  }

  #buffer(dataId: DataId, action: string): CpuBuffer {
    if (!(dataId instanceof CpuBuffer)) {
      throw new Error(`${action}: the data id is not a buffer of backend '${this.backendName}'`);
    }
    return dataId;
  }
}
