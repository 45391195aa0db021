import type { HandleRecord } from './handle-record.js';

export interface MemoryInfo {
  /** Live tensor handles, including those the autograd graph holds for backward. */
  readonly tensors: number;
  /** Live backend buffers behind them (handles share buffers) and their bytes. */
  readonly buffers: number;
  readonly bytes: number;
}

export interface LeakSite {
  readonly site: string;
  readonly count: number;
}

export interface LeakReport {
  readonly leaked: number;
  /** Where the leaked tensors were made, most frequent first. */
  readonly sites: readonly LeakSite[];
}

/** Handles held before registering the survivors (bounds the nursery in a long synchronous loop). */
const NURSERY_LIMIT = 1024;

/**
 * Counts live handles and buffers, owns the `tidy` scope stack, and returns forgotten buffers
 * through a FinalizationRegistry. One per realm (like grad mode); it is the tensor runtime's state.
 */
class MemoryTracker {
  /** Live handles made while leak tracking is on (counting them all would cost every op a Set entry). */
  readonly #tracked = new Set<HandleRecord>();
  #liveHandles = 0;
  readonly #scopes: Set<HandleRecord>[] = [];
  #buffers = 0;
  #bytes = 0;
  #trackCreationSites = false;

  readonly #finalizer = new FinalizationRegistry<HandleRecord>((record) => {
    // The Tensor was collected without dispose(): release what it held.
    if (!record.disposed) this.release(record);
  });

  /**
   * Handles made since the last flush, and their Tensors (held strongly until then). Registering
   * with the FinalizationRegistry, and unregistering on dispose, cost about a microsecond per
   * handle, more than the rest of a small op; most handles are disposed (by `tidy`, or at once)
   * in the synchronous stretch that made them. So only the ones still alive at the next microtask,
   * or when the nursery fills, are registered. A forgotten Tensor is collected a little later, no less.
   */
  readonly #nurseryOwners: object[] = [];
  readonly #nurseryRecords: HandleRecord[] = [];
  #flushQueued = false;
  readonly #flushFromMicrotask = (): void => {
    this.#flushQueued = false;
    this.#flushNursery();
  };

  register(owner: object, record: HandleRecord): void {
    if (this.#trackCreationSites) {
      record.creationSite = creationSite();
      this.#tracked.add(record);
    }
    this.#liveHandles++;
    this.#scopes[this.#scopes.length - 1]?.add(record);
    this.#nurseryOwners.push(owner);
    this.#nurseryRecords.push(record);
    if (this.#nurseryRecords.length >= NURSERY_LIMIT) {
      this.#flushNursery();
    } else if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(this.#flushFromMicrotask);
    }
  }

  #flushNursery(): void {
    const owners = this.#nurseryOwners;
    const records = this.#nurseryRecords;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (record.disposed) continue;
      record.finalizable = true;
      this.#finalizer.register(owners[i], record, record);
    }
    owners.length = 0;
    records.length = 0;
  }

  bufferAllocated(bytes: number): void {
    this.#buffers++;
    this.#bytes += bytes;
  }

  bufferReleased(bytes: number): void {
    this.#buffers--;
    this.#bytes -= bytes;
  }

  /** Marks the handle disposed and lets go of its storage and graph node. */
  release(record: HandleRecord): void {
    record.disposed = true;
    this.#liveHandles--;
    if (record.creationSite !== undefined) this.#tracked.delete(record);
    if (record.finalizable) this.#finalizer.unregister(record);
    for (const scope of this.#scopes) scope.delete(record);
    if (record.storage.release()) this.bufferReleased(record.storage.bytes);
    record.gradNode?.release();
  }

  keep(record: HandleRecord): void {
    record.kept = true;
    for (const scope of this.#scopes) scope.delete(record);
  }

  /** Leaves the handle to be disposed by whoever owns it (for example the graph), not by `tidy`. */
  untrack(record: HandleRecord): void {
    for (let i = this.#scopes.length - 1; i >= 0; i--) if (this.#scopes[i].delete(record)) return;
  }

  openScope(): void {
    this.#scopes.push(new Set());
  }

  /** Closes the innermost scope; survivors move to the enclosing one so an outer tidy still owns them. */
  closeScope(survivors: ReadonlySet<HandleRecord>): HandleRecord[] {
    const scope = this.#scopes.pop();
    if (!scope) throw new Error('tidy: scope stack is empty (internal error)');
    const toDispose: HandleRecord[] = [];
    const outer = this.#scopes[this.#scopes.length - 1];
    for (const record of scope) {
      if (survivors.has(record)) outer?.add(record);
      else if (!record.kept && !record.disposed) toDispose.push(record);
    }
    return toDispose;
  }

  info(): MemoryInfo {
    return { tensors: this.#liveHandles, buffers: this.#buffers, bytes: this.#bytes };
  }

  setCreationSiteTracking(enabled: boolean): void {
    this.#trackCreationSites = enabled;
  }

  /** Live handles made while tracking was on, grouped by where they were made. */
  leakReport(since?: ReadonlySet<HandleRecord>): LeakReport {
    const counts = new Map<string, number>();
    let leaked = 0;
    for (const record of this.#tracked) {
      if (since?.has(record)) continue;
      leaked++;
      const site = record.creationSite ?? '(unknown)';
      counts.set(site, (counts.get(site) ?? 0) + 1);
    }
    const sites = [...counts].map(([site, count]) => ({ site, count })).sort((a, b) => b.count - a.count);
    return { leaked, sites };
  }

  /** The tracked live handles now, to exclude them from a later report. */
  trackedRecords(): ReadonlySet<HandleRecord> {
    return new Set(this.#tracked);
  }
}

/** Frames of Neurite's other packages (sources, built files, bundler-optimised copies) and of the engine. */
const INTERNAL_FRAME =
  /[\\/](packages[\\/](tensor|autograd|backend[^\\/]*|nn|optim|data|cnn|rnn|transformer|neurite)|node_modules[\\/](@neurite[\\/][^\\/]+|neurite))[\\/]|@neurite_|\(<anonymous>\)|node:internal/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]s/;

/**
 * The first stack frame outside Neurite: where user code made the tensor. This package's own frames
 * are recognised by their location (wherever it is served from: a file path, a dev server URL).
 */
function creationSite(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50; // Neurite's own frames alone can fill the default 10
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const lines = stack.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('at ') || line.includes('@'));
  const ownRoot = /(\S*?[\\/](?:src|dist)[\\/])/.exec(lines[0] ?? '')?.[1]?.replace(/^\(/, '').replace(/^.*?\(/, '');
  const isInternal = (line: string) =>
    !TEST_FILE.test(line) && (INTERNAL_FRAME.test(line) || (ownRoot !== undefined && line.includes(ownRoot)));
  return lines.find((line) => !isInternal(line)) ?? lines[0] ?? '(unknown)';
}

export const memoryTracker = new MemoryTracker();
