/**
 * GPU buffers by size bucket, reused as soon as that is safe.
 *
 * Creating a GPUBuffer costs far more than a kernel on small tensors, and a training step frees
 * and makes the same sizes again and again, so released buffers are kept and handed out again.
 * A buffer released while recorded or submitted work may still read it is tagged with the serial
 * of the batch being recorded. Two kinds of new owner can take it:
 * - a kernel's output may take it at once: the queue runs commands in order, so every read
 *   recorded before the release is done before a dispatch recorded after it writes the buffer;
 * - an upload (`writeBuffer`, which runs ahead of commands not yet submitted) only once that batch
 *   has completed on the GPU.
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

export type Reuse = 'any' | 'completed';

export class BufferPool {
  readonly #free = new Map<number, GPUBuffer[]>();
  /** Released buffers whose batch may not have completed, by size, most recent last. */
  readonly #pending = new Map<number, PendingRelease[]>();
  #freeBytes = 0;
  #pendingBytes = 0;
  #freeCount = 0;
  #pendingCount = 0;

  /**
   * @param maxFreeBytes Above this many bytes of free buffers the pool destroys what it is given
   *   back instead of keeping it, so it stays bounded however many sizes a program uses.
   */
  constructor(
    /** Makes a buffer of exactly `size` bytes (with the usage this pool is for). */
    private readonly create: (size: number) => GPUBuffer,
    private readonly maxFreeBytes: number,
  ) {}

  /**
   * A buffer of at least `bytes` bytes (its real size is `bucketSize(bytes)`). `'any'` is for a
   * buffer that only commands recorded from now on will write (a kernel's output); `'completed'`
   * for one written at once (an upload).
   */
  acquire(bytes: number, reuse: Reuse = 'completed'): GPUBuffer {
    const size = bucketSize(bytes);
    if (reuse === 'any') {
      const recent = this.#pending.get(size)?.pop();
      if (recent) {
        this.#pendingBytes -= size;
        this.#pendingCount--;
        return recent.buffer;
      }
    }
    const reused = this.#free.get(size)?.pop();
    if (reused) {
      this.#freeBytes -= size;
      this.#freeCount--;
      return reused;
    }
    return this.create(size);
  }

  /** Gives a buffer back, released while batch `serial` was being recorded. */
  release(buffer: GPUBuffer, serial: number): void {
    const bucket = this.#pending.get(buffer.size);
    if (bucket) bucket.push({ buffer, serial });
    else this.#pending.set(buffer.size, [{ buffer, serial }]);
    this.#pendingBytes += buffer.size;
    this.#pendingCount++;
  }

  /** Batches up to `serial` have completed: buffers they were waiting for become free. */
  completed(serial: number): void {
    for (const [size, bucket] of this.#pending) {
      const still = bucket.filter((entry) => entry.serial > serial);
      if (still.length === bucket.length) continue;
      for (const entry of bucket) {
        if (entry.serial > serial) continue;
        this.#pendingBytes -= size;
        this.#pendingCount--;
        if (this.#freeBytes + size > this.maxFreeBytes) {
          entry.buffer.destroy();
          continue;
        }
        const free = this.#free.get(size);
        if (free) free.push(entry.buffer);
        else this.#free.set(size, [entry.buffer]);
        this.#freeBytes += size;
        this.#freeCount++;
      }
      this.#pending.set(size, still);
    }
  }

  memory(): PoolMemory {
    return { buffers: this.#freeCount + this.#pendingCount, bytes: this.#freeBytes + this.#pendingBytes };
  }

  /** Destroys every buffer the pool holds. */
  destroy(): void {
    for (const bucket of this.#free.values()) for (const buffer of bucket) buffer.destroy();
    for (const bucket of this.#pending.values()) for (const { buffer } of bucket) buffer.destroy();
    this.#free.clear();
    this.#pending.clear();
    this.#freeBytes = 0;
    this.#pendingBytes = 0;
    this.#freeCount = 0;
    this.#pendingCount = 0;
  }
}
