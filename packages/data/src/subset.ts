import { checkDataset, checkItemIndex, type Dataset } from './dataset.js';

/** The items of `dataset` at `indices`, in that order (a view: nothing is copied). */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];
  /** Present when the underlying dataset has the batch fast path, so loaders keep using it. */
  readonly getBatch?: (indices: readonly number[]) => T;

  constructor(dataset: Dataset<T>, indices: readonly number[] | Int32Array) {
    checkDataset('Subset', dataset);
    const own = Array.from(indices);
    for (const index of own) checkItemIndex('Subset', index, dataset.length);
    this.dataset = dataset;
    this.indices = own;
    const batchOf = dataset.getBatch;
    if (typeof batchOf === 'function') {
      this.getBatch = (batch) => {
        for (const index of batch) checkItemIndex('Subset.getBatch', index, own.length);
        return batchOf.call(dataset, batch.map((index) => own[index]));
      };
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    checkItemIndex('Subset.get', index, this.indices.length);
    return this.dataset.get(this.indices[index]);
  }
}
