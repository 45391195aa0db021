/**
 * Anything indexable that yields training examples: `length` items, `get(i)` for one of them.
 * Items are usually records of tensors (`{ input, target }`); a loader collates them into batches.
 */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
  /**
   * Optional fast path: the batch for `indices` in one go, already collated (the same shape of
   * record as one item, with a leading batch axis). A `DataLoader` without a custom `collate`
   * uses it instead of `get` + collate, which for tensor data is one gather per field instead of
   * one slice per item and field.
   */
  getBatch?(indices: readonly number[]): T;
}

/** Throws a RangeError unless `index` is an integer in `[0, length)`. */
export function checkItemIndex(owner: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`${owner}: index ${String(index)} is out of range for a dataset of length ${length}`);
  }
}

/** Throws a clear error unless `value` looks like a Dataset (checked where one is handed in). */
export function checkDataset(owner: string, value: unknown): void {
  const candidate = value as Partial<Dataset<unknown>> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.get !== 'function' || !Number.isInteger(candidate.length) || (candidate.length as number) < 0) {
    throw new TypeError(`${owner}: expected a dataset (an object with an integer length and a get(index) method), got ${describe(value)}`);
  }
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string') return `'${value}' (a string)`;
  if (typeof value === 'function') return 'a function';
  return String(value);
}
