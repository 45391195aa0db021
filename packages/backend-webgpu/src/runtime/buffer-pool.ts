/**
 * GPU buffers by size bucket, reused only once the queue is done with them.
 *
 * Creating a GPUBuffer costs far more than a kernel on small tensors, and a training step frees
 * and makes the same sizes again and again, so released buffers are kept and handed out again.
 * A buffer released while submitted (or still recorded) work may read it waits, tagged with the
 * serial of the batch being recorded, until that batch has completed on the GPU; only then can a
 * new owner write it (an upload's `writeBuffer` runs ahead of queued dispatches).
 */

/** Sizes round up to a quarter of their power of two: at most 25% slack, few distinct buckets. */
export function bucketSize(bytes: number): number {
  const minimum = 16;
  if (bytes <= minimum) return minimum;
  const power = 2 ** Math.floor(Math.log2(bytes));
  const step = Math.max(minimum, power / 4);
  return Math.ceil(bytes / step) * step;
}

export interface PoolMemory {
  /** Buffers waiting in the pool (free, or released and waiting for the GPU). */
  readonly buffers: number;
  readonly bytes: number;
}

interface PendingRelease {
  readonly buffer: GPUBuffer;
  readonly serial: number;
}

export class BufferPool {
  readonly #free = new Map<number, GPUBuffer[]>();
  #pending: PendingRelease[] = [];
  #freeBytes = 0;
  #pendingBytes = 0;
  #freeCount = 0;

  /**
   * @param maxFreeBytes Above this many bytes of free buffers the pool destroys what it is given
   *   back instead of keeping it, so it stays bounded however many sizes a program uses.
   */
  constructor(
    /** Makes a buffer of exactly `size` bytes (with the usage this pool is for). */
    private readonly create: (size: number) => GPUBuffer,
    private readonly maxFreeBytes: number,
  ) {}

  /** A buffer of at least `bytes` bytes (its real size is `bucketSize(bytes)`). */
  acquire(bytes: number): GPUBuffer {
    const size = bucketSize(bytes);
    const bucket = this.#free.get(size);
    const reused = bucket?.pop();
    if (reused) {
      this.#freeBytes -= size;
      this.#freeCount--;
      return reused;
    }
    return this.create(size);
  }

  /** Gives a buffer back; it is reused once batch `serial` has completed. */
  release(buffer: GPUBuffer, serial: number): void {
    this.#pending.push({ buffer, serial });
    this.#pendingBytes += buffer.size;
  }

  /** Batches up to `serial` have completed: buffers they were waiting for become free. */
  completed(serial: number): void {
    const still: PendingRelease[] = [];
    for (const entry of this.#pending) {
      if (entry.serial > serial) {
        still.push(entry);
        continue;
      }
      this.#pendingBytes -= entry.buffer.size;
      if (this.#freeBytes + entry.buffer.size > this.maxFreeBytes) {
        entry.buffer.destroy();
        continue;
      }
      const bucket = this.#free.get(entry.buffer.size);
      if (bucket) bucket.push(entry.buffer);
      else this.#free.set(entry.buffer.size, [entry.buffer]);
      this.#freeBytes += entry.buffer.size;
      this.#freeCount++;
    }
    this.#pending = still;
  }

  memory(): PoolMemory {
    return { buffers: this.#freeCount + this.#pending.length, bytes: this.#freeBytes + this.#pendingBytes };
  }

  /** Destroys every buffer the pool holds. */
  destroy(): void {
    for (const bucket of this.#free.values()) for (const buffer of bucket) buffer.destroy();
    for (const { buffer } of this.#pending) buffer.destroy();
    this.#free.clear();
    this.#pending = [];
    this.#freeBytes = 0;
    this.#pendingBytes = 0;
    this.#freeCount = 0;
  }
}
