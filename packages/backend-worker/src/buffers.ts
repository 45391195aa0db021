import { bytesPerElement, type BackendMemory, type DType, type DataId, type TypedArray } from '@neurite/backend';
import type { Arena } from '@neurite/backend-cpu/kernels';
import type { OperandRef } from './protocol.js';

/** The worker backend's `DataId`: a block of the shared heap, and when its contents are ready. */
export class SharedBuffer {
  released = false;
  /** Reads waiting for this buffer: its block is not reused until they have copied it out. */
  pendingReads = 0;
  /** The main thread's view of the values, and the heap generation it was made in (growth replaces the buffer object). */
  view: TypedArray | undefined;
  viewGeneration = -1;

  constructor(
    readonly offset: number,
    readonly length: number,
    readonly dtype: DType,
    readonly byteLength: number,
    /** The pool generation whose queue writes it (a new one starts after a worker failure). */
    readonly generation: number,
    /** The completed-parts count at which the command that writes it is done (0: written already). */
    public readyAt: number,
  ) {}

  ref(shape: readonly number[]): OperandRef {
    return { offset: this.offset, length: this.length, shape, dtype: this.dtype };
  }
}

interface PendingFree {
  readonly offset: number;
  readonly byteLength: number;
  readonly generation: number;
  /** Every command queued before the release is done at this completed-parts count. */
  readonly after: number;
  readonly buffer?: SharedBuffer;
}

/**
 * Buffers of the shared heap. Only the main thread allocates. A released block is reused only
 * once the queue has passed every command submitted before the release and no read is copying it
 * (the contract's buffer lifetime), so a queued kernel always reads what was there.
 */
export class SharedBufferStore {
  #buffers = 0;
  #bytes = 0;
  #disposed = false;
  #pending: PendingFree[] = [];
  /** Released while a read was still copying them. */
  #reading: PendingFree[] = [];

  constructor(
    private readonly backendName: string,
    readonly arena: Arena,
    /** Whether the queue of `generation` has reached `count` completed parts (true for ended generations). */
    private readonly done: (generation: number, count: number) => boolean,
  ) {}

  allocate(dtype: DType, length: number, generation: number, readyAt: number): SharedBuffer {
    if (this.#disposed) throw new Error(`backend '${this.backendName}' has been disposed; it cannot create buffers`);
    this.collect();
    const byteLength = Math.max(length * bytesPerElement(dtype), 1);
    const buffer = new SharedBuffer(this.arena.allocate(byteLength), length, dtype, byteLength, generation, readyAt);
    this.#buffers++;
    this.#bytes += length * bytesPerElement(dtype);
    return buffer;
  }

  /** A temporary block, given back once the queue is past `after` (a task's scratch). */
  scratch(bytes: number, generation: number, after: number): number {
    const offset = this.arena.allocate(bytes);
    this.#pending.push({ offset, byteLength: bytes, generation, after });
    return offset;
  }

  resolve(dataId: DataId, action: string): SharedBuffer {
    if (!(dataId instanceof SharedBuffer)) throw new Error(`${action}: the data id is not a buffer of backend '${this.backendName}'`);
    if (dataId.released) throw new Error(`${action}: the buffer has already been released`);
    return dataId;
  }

  release(dataId: DataId, generation: number, after: number): void {
    if (!(dataId instanceof SharedBuffer)) throw new Error(`release: the data id is not a buffer of backend '${this.backendName}'`);
    if (dataId.released) throw new Error('release: the buffer has already been released (released twice)');
    dataId.released = true;
    this.#buffers--;
    this.#bytes -= dataId.length * bytesPerElement(dataId.dtype);
    // With nothing queued that may still read it (the usual case for eager ops), it is free at once.
    if (this.#pending.length === 0 && dataId.pendingReads === 0 && this.done(generation, after)) this.arena.free(dataId.offset, dataId.byteLength);
    else this.#pending.push({ offset: dataId.offset, byteLength: dataId.byteLength, generation, after, buffer: dataId });
  }

  /**
   * Gives back the blocks the queue and the reads are done with. Releases come in queue order, so
   * this walks from the oldest and stops at the first the queue still needs.
   */
  collect(): void {
    let head = 0;
    const pending = this.#pending;
    while (head < pending.length && this.done(pending[head].generation, pending[head].after)) {
      const entry = pending[head++];
      if ((entry.buffer?.pendingReads ?? 0) > 0) this.#reading.push(entry);
      else this.arena.free(entry.offset, entry.byteLength);
    }
    if (head > 0) pending.splice(0, head);
    if (this.#reading.length > 0) {
      this.#reading = this.#reading.filter((entry) => {
        if (entry.buffer!.pendingReads > 0) return true;
        this.arena.free(entry.offset, entry.byteLength);
        return false;
      });
    }
  }

  memory(): BackendMemory {
    return { buffers: this.#buffers, bytes: this.#bytes };
  }

  dispose(): void {
    this.#disposed = true;
  }
}
