import { defaultGenerator, Generator, isTensor, tidy } from '@neurite/tensor';
import { defaultCollate, type Collated } from './collate.js';
import { checkDataset, describe, type Dataset } from './dataset.js';
import { randomPermutation } from './permutation.js';

export interface DataLoaderOptions<T, B> {
  /** Items per batch (default 1). */
  batchSize?: number;
  /** A new random order every epoch (default false). */
  shuffle?: boolean;
  /** Where shuffling draws from; the default generator (seeded by `manualSeed`) if left out. */
  generator?: Generator;
  /** Leave out the last batch when it would be smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /**
   * Turns a list of items into a batch. Its result must be tensors in arrays or plain objects:
   * the loader runs it inside `tidy`, which frees the items and keeps what is returned.
   * Without one, the dataset's `getBatch` is used when it has one, else `defaultCollate`.
   */
  collate?: (items: T[]) => B;
  /**
   * For `for await`: build batch i+1 before handing out batch i (default true), so a queued
   * backend (workers, WebGPU) uploads the next batch while the model computes on this one.
   */
  prefetch?: boolean;
}

const optionNames = ['batchSize', 'shuffle', 'generator', 'dropLast', 'collate', 'prefetch'];

/**
 * Iterates a dataset in batches, synchronously (`for (const batch of loader)`) or asynchronously
 * (`for await`, with prefetching). Each iteration is one epoch; with `shuffle` each epoch draws a
 * new permutation from the generator, so a seeded generator gives the same sequence of epochs.
 *
 * Every batch is made of fresh tensors that the caller owns: dispose them after the step, or run
 * the step inside `tidy` (`tidy(() => step(batch))` does not free `batch`, which was made outside:
 * call `dispose(batch)` after it).
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly prefetch: boolean;
  readonly #generator: Generator | undefined;
  readonly #collate: ((items: T[]) => B) | undefined;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    checkDataset('DataLoader', dataset);
    checkOptions(options);
    this.dataset = dataset;
    this.batchSize = options.batchSize ?? 1;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.prefetch = options.prefetch ?? true;
    this.#generator = options.generator;
    this.#collate = options.collate;
  }

  /** Batches per epoch. */
  get length(): number {
    const items = this.dataset.length;
    return this.dropLast ? Math.floor(items / this.batchSize) : Math.ceil(items / this.batchSize);
  }

  [Symbol.iterator](): IterableIterator<B> {
    return this.#iterate(this.#plan());
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<B> {
    const plan = this.#plan();
    return this.prefetch ? this.#iterateWithPrefetch(plan) : this.#iterateAsync(plan);
  }

  /** The epoch's batches of indices. Drawn when iteration starts, so the order does not depend on what the loop body draws. */
  #plan(): number[][] {
    const items = this.dataset.length;
    const order = this.shuffle ? randomPermutation(items, this.#generator ?? defaultGenerator) : null;
    const batches: number[][] = [];
    for (let start = 0; start < items; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, items);
      if (this.dropLast && end - start < this.batchSize) break;
      const indices: number[] = [];
      for (let i = start; i < end; i++) indices.push(order === null ? i : order[i]);
      batches.push(indices);
    }
    return batches;
  }

  #build(indices: number[]): B {
    const { dataset } = this;
    if (this.#collate === undefined && typeof dataset.getBatch === 'function') {
      // The Dataset contract: getBatch returns what the default collate would make of the items.
      return dataset.getBatch(indices) as unknown as B;
    }
    const collate = this.#collate ?? ((items: T[]) => defaultCollate(items) as unknown as B);
    return tidy(() => collate(indices.map((index) => dataset.get(index))));
  }

  *#iterate(plan: number[][]): IterableIterator<B> {
    for (const indices of plan) yield this.#build(indices);
  }

  async *#iterateAsync(plan: number[][]): AsyncIterableIterator<B> {
    for (const indices of plan) yield this.#build(indices);
  }

  async *#iterateWithPrefetch(plan: number[][]): AsyncIterableIterator<B> {
    let next: B | undefined = plan.length > 0 ? this.#build(plan[0]) : undefined;
    try {
      for (let i = 0; i < plan.length; i++) {
        const current = next as B;
        next = undefined;
        try {
          if (i + 1 < plan.length) next = this.#build(plan[i + 1]);
        } catch (error) {
          disposeTensorsIn(current);
          throw error;
        }
        yield current;
      }
    } finally {
      // A loop left early (break, throw) never receives the prefetched batch: free it here.
      if (next !== undefined) disposeTensorsIn(next);
    }
  }
}

function checkOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`DataLoader: options must be an object, got ${describe(options)}`);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!optionNames.includes(key)) throw new Error(`DataLoader: unknown option '${key}' (known: ${optionNames.join(', ')})`);
  }
  const { batchSize, generator, collate } = given;
  if (batchSize !== undefined && !(typeof batchSize === 'number' && Number.isInteger(batchSize) && batchSize > 0)) {
    throw new Error(`DataLoader: batchSize must be a positive integer, got ${describe(batchSize)}`);
  }
  for (const flag of ['shuffle', 'dropLast', 'prefetch']) {
    if (given[flag] !== undefined && typeof given[flag] !== 'boolean') throw new Error(`DataLoader: ${flag} must be true or false, got ${describe(given[flag])}`);
  }
  if (generator !== undefined && !(generator instanceof Generator)) throw new Error(`DataLoader: generator must be a Generator, got ${describe(generator)}`);
  if (collate !== undefined && typeof collate !== 'function') throw new Error(`DataLoader: collate must be a function, got ${describe(collate)}`);
}

/** Frees every tensor in a batch: a tensor, or tensors nested in arrays and plain objects. */
function disposeTensorsIn(value: unknown): void {
  if (isTensor(value)) value.dispose();
  else if (Array.isArray(value)) for (const item of value) disposeTensorsIn(item);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) disposeTensorsIn(item);
  }
}
