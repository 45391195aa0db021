/**
 * The CPU backend's heap: every tensor buffer is a block of one `WebAssembly.Memory`, so wasm
 * kernels read and write tensors in place, with no copy in or out.
 *
 * Blocks come in size classes (multiples of 16 bytes up to 256, then four classes per power of
 * two, so a block wastes at most a fifth of itself). A released block goes on its class's free
 * list and serves the next request of that class; otherwise the heap grows at the top. Memory is
 * never given back to the system (wasm memory cannot shrink), so the heap's size is the peak of
 * what was alive, rounded to classes.
 *
 * Limits: wasm32 addresses 4 GiB, and engines may stop earlier (`maximumBytes` sets a lower cap).
 * A request that would pass the cap throws a RangeError naming the size, what is in use and the
 * cap; the heap and every live buffer stay valid after it.
 */

const PAGE_BYTES = 65536;
export const WASM32_MAXIMUM_BYTES = 65536 * PAGE_BYTES;
/** Offsets below this are never handed out, so a zero offset is never a live buffer. */
const RESERVED_BYTES = 1024;

export interface ArenaOptions {
  /** Cap on the heap, in bytes (rounded down to 64 KiB pages); default and most: 4 GiB. */
  readonly maximumBytes?: number;
  /** Grow the memory in at least this many bytes at a time. */
  readonly initialBytes?: number;
  /**
   * A shared memory (a SharedArrayBuffer underneath) that worker threads can map: the worker pool
   * backend's heap. Growing it never moves or detaches what is there.
   */
  readonly shared?: boolean;
}

/** Where kernels get temporaries: the arena itself on one thread, a region of its own on a worker. */
export interface ScratchSpace {
  allocate(bytes: number): number;
  free(offset: number, bytes: number): void;
}

/** The size class of a request: the block size it is served with. */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return Math.max(16, Math.ceil(bytes / 16) * 16);
  const step = 2 ** (Math.ceil(Math.log2(bytes)) - 3);
  return Math.ceil(bytes / step) * step;
}

export class Arena implements ScratchSpace {
  readonly memory: WebAssembly.Memory;
  readonly maximumBytes: number;
  #top = RESERVED_BYTES;
  #inUse = 0;
  #generation = 0;
  readonly #free = new Map<number, number[]>();

  constructor(options: ArenaOptions = {}) {
    const maximumPages = Math.floor(Math.min(options.maximumBytes ?? WASM32_MAXIMUM_BYTES, WASM32_MAXIMUM_BYTES) / PAGE_BYTES);
    if (maximumPages < 1) throw new RangeError(`cpu heap: maximumBytes must be at least ${PAGE_BYTES} (one 64 KiB page), got ${options.maximumBytes}`);
    const initialPages = Math.min(maximumPages, Math.max(1, Math.ceil((options.initialBytes ?? 4 * 1024 * 1024) / PAGE_BYTES)));
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages, shared: options.shared ?? false });
    this.maximumBytes = maximumPages * PAGE_BYTES;
  }

  /** Bumps whenever the memory grows: typed-array views made before it are detached. */
  get generation(): number {
    return this.#generation;
  }

  /** Bytes in live blocks (by class size). */
  get bytesInUse(): number {
    return this.#inUse;
  }

  /** Bytes the memory holds: live blocks, free blocks and the reserved start. */
  get heapBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** The offset of a new block of at least `bytes` bytes, 16-byte aligned. Its contents are undefined. */
  allocate(bytes: number): number {
    const size = sizeClass(bytes);
    const reused = this.#free.get(size)?.pop();
    if (reused !== undefined) {
      this.#inUse += size;
      return reused;
    }
    const offset = this.#top;
    this.#ensure(offset + size, bytes);
    this.#top = offset + size;
    this.#inUse += size;
    return offset;
  }

  /** Gives a block back. `bytes` must be the size it was allocated with. */
  free(offset: number, bytes: number): void {
    const size = sizeClass(bytes);
    let list = this.#free.get(size);
    if (list === undefined) this.#free.set(size, (list = []));
    list.push(offset);
    this.#inUse -= size;
  }

  #ensure(end: number, requested: number): void {
    const current = this.memory.buffer.byteLength;
    if (end <= current) return;
    if (end > this.maximumBytes) {
      throw new RangeError(
        `cpu heap: cannot allocate ${requested} bytes: ${this.#inUse} bytes are in use and the heap is capped at ` +
        `${this.maximumBytes} bytes (${this.maximumBytes === WASM32_MAXIMUM_BYTES ? 'the 4 GiB of wasm32' : 'maximumBytes'}). ` +
        'Dispose tensors you no longer need, or use a smaller batch.',
      );
    }
    // Grow by at least half again, so that a growing workload grows the memory O(log n) times.
    const wanted = Math.min(this.maximumBytes, Math.max(end, Math.ceil(current * 1.5)));
    const pages = Math.ceil((wanted - current) / PAGE_BYTES);
    try {
      this.memory.grow(pages);
    } catch {
      // The engine refused the larger step (its own limit or the system's): try the minimum.
      try {
        this.memory.grow(Math.ceil((end - current) / PAGE_BYTES));
      } catch (error) {
        throw new RangeError(`cpu heap: cannot allocate ${requested} bytes: the engine refused to grow the memory past ${current} bytes (${String(error)})`, { cause: error });
      }
    }
    this.#generation++;
  }
}
