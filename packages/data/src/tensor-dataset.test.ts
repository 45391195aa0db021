import { describe, expect, it } from 'vitest';
import { arange, dispose, memory, tensor } from '@neurite/tensor';
import { TensorDataset } from './index.js';

function makeDataset(n = 5) {
  const input = arange(0, n * 6).reshape([n, 2, 3]);
  const target = tensor(Int32Array.from({ length: n }, (_, i) => i * 10), [n], 'int32');
  return new TensorDataset({ input, target });
}

describe('TensorDataset', () => {
  it('yields records of row slices and has the first dimension as length', async () => {
    const dataset = makeDataset();
    expect(dataset.length).toBe(5);
    const item = dataset.get(2);
    expect(item.input.shape).toEqual([2, 3]);
    expect(item.target.shape).toEqual([]);
    expect(Array.from(await item.input.data())).toEqual([12, 13, 14, 15, 16, 17]);
    expect(await item.target.item()).toBe(20);
    expect(item.target.dtype).toBe('int32');
    dispose(item);
    dataset.dispose();
  });

  it('getBatch gathers the rows in the order given', async () => {
    const dataset = makeDataset();
    const batch = dataset.getBatch([4, 0, 4]);
    expect(batch.input.shape).toEqual([3, 2, 3]);
    expect(Array.from(await batch.target.data())).toEqual([40, 0, 40]);
    expect(Array.from(await batch.input.data()).slice(0, 6)).toEqual([24, 25, 26, 27, 28, 29]);
    dispose(batch);
    dataset.dispose();
  });

  it('leaves only the returned tensors alive', () => {
    const dataset = makeDataset();
    const before = memory().tensors;
    dispose(dataset.get(1));
    dispose(dataset.getBatch([1, 2]));
    expect(memory().tensors).toBe(before);
    dataset.dispose();
  });

  it('rejects tensors whose first dimensions differ, naming them', () => {
    const input = arange(0, 6).reshape([3, 2]);
    const target = arange(0, 4);
    expect(() => new TensorDataset({ input, target })).toThrow(
      "TensorDataset: all tensors must have the same first dimension, but 'input' has 3 and 'target' has 4 (input [3, 2], target [4])",
    );
    dispose([input, target]);
  });

  it('rejects bad records', () => {
    const x = arange(0, 3);
    expect(() => new TensorDataset({})).toThrow('TensorDataset: needs at least one tensor, got an empty record');
    expect(() => new TensorDataset(x as never)).toThrow('expected a record of tensors such as { input: x, target: y }');
    expect(() => new TensorDataset({ x, y: [1, 2, 3] as never })).toThrow("TensorDataset: field 'y' is an array of length 3, expected a Tensor");
    const scalar = tensor(1);
    expect(() => new TensorDataset({ scalar })).toThrow("field 'scalar' is a scalar");
    dispose([x, scalar]);
  });

  it('rejects indices out of range', () => {
    const dataset = makeDataset(3);
    expect(() => dataset.get(3)).toThrow('TensorDataset.get: index 3 is out of range for a dataset of length 3');
    expect(() => dataset.get(-1)).toThrow(RangeError);
    expect(() => dataset.get(1.5)).toThrow('index 1.5 is out of range');
    expect(() => dataset.getBatch([0, 7])).toThrow('TensorDataset.getBatch: index 7 is out of range for a dataset of length 3');
    expect(() => dataset.getBatch([])).toThrow('TensorDataset.getBatch: indices must not be empty');
    dataset.dispose();
  });
});
