import { dispose, isTensor, tensor, tidy, type Tensor } from '@neurite/tensor';
import { checkItemIndex, describe, type Dataset } from './dataset.js';

/** Named tensors that share their first dimension: one field per part of an example. */
export type TensorRecord = Readonly<Record<string, Tensor>>;

/**
 * A dataset over whole tensors, like PyTorch's TensorDataset but with named fields:
 * `new TensorDataset({ input: x, target: y })` yields `{ input: x[i], target: y[i] }`.
 *
 * Items and batches are fresh tensors that the caller owns. The dataset keeps the tensors it was
 * given (it does not copy them); `dispose()` frees them when the data is no longer needed.
 */
export class TensorDataset<T extends TensorRecord> implements Dataset<T> {
  readonly length: number;
  /** The whole tensors, e.g. to evaluate on a full split in one pass. */
  readonly tensors: T;
  readonly #fields: readonly string[];

  constructor(tensors: T) {
    if (tensors === null || typeof tensors !== 'object' || Array.isArray(tensors) || isTensor(tensors)) {
      throw new TypeError(`TensorDataset: expected a record of tensors such as { input: x, target: y }, got ${describe(tensors)}`);
    }
    const fields = Object.keys(tensors);
    if (fields.length === 0) throw new Error('TensorDataset: needs at least one tensor, got an empty record');
    for (const field of fields) {
      const value: unknown = tensors[field];
      if (!isTensor(value)) throw new TypeError(`TensorDataset: field '${field}' is ${describe(value)}, expected a Tensor`);
      if (value.isDisposed) throw new Error(`TensorDataset: field '${field}' is a disposed tensor`);
      if (value.rank === 0) throw new Error(`TensorDataset: field '${field}' is a scalar; every tensor needs a first (item) dimension`);
    }
    const length = tensors[fields[0]].shape[0];
    for (const field of fields) {
      const size = tensors[field].shape[0];
      if (size !== length) {
        const shapes = fields.map((name) => `${name} [${tensors[name].shape.join(', ')}]`).join(', ');
        throw new Error(`TensorDataset: all tensors must have the same first dimension, but '${fields[0]}' has ${length} and '${field}' has ${size} (${shapes})`);
      }
    }
    this.tensors = tensors;
    this.length = length;
    this.#fields = fields;
  }

  /** Item `index`: each field's row, without the leading axis. */
  get(index: number): T {
    checkItemIndex('TensorDataset.get', index, this.length);
    // tidy frees the one-row narrow once the reshape (which shares its storage) is returned.
    return tidy(() => this.#map((t) => t.narrow(0, index, 1).reshape(t.shape.slice(1))));
  }

  /** The rows at `indices`, stacked: one gather per field. */
  getBatch(indices: readonly number[]): T {
    if (indices.length === 0) throw new Error('TensorDataset.getBatch: indices must not be empty');
    for (const index of indices) checkItemIndex('TensorDataset.getBatch', index, this.length);
    return tidy(() => {
      const rows = tensor(Int32Array.from(indices), [indices.length], 'int32');
      return this.#map((t) => t.indexSelect(0, rows));
    });
  }

  /** Frees the tensors the dataset holds. Items and batches already handed out stay valid. */
  dispose(): void {
    dispose(Object.values(this.tensors));
  }

  #map(fn: (t: Tensor) => Tensor): T {
    const result: Record<string, Tensor> = {};
    for (const field of this.#fields) result[field] = fn(this.tensors[field]);
    // Same keys as T, each a Tensor: the record's type is exactly T.
    return result as T;
  }
}
