import { describe, expect, it } from 'vitest';
import { dispose, memory, ones, tensor, type Tensor } from '@neurite/tensor';
import { defaultCollate } from './index.js';

describe('defaultCollate', () => {
  it('stacks tensors field by field in records', async () => {
    const items = [0, 1, 2].map((i) => ({ input: tensor([i, i + 10]), target: tensor(Int32Array.of(i), [], 'int32') }));
    const batch = defaultCollate(items);
    expect(batch.input.shape).toEqual([3, 2]);
    expect(Array.from(await batch.input.data())).toEqual([0, 10, 1, 11, 2, 12]);
    expect(batch.target.dtype).toBe('int32');
    expect(Array.from(await batch.target.data())).toEqual([0, 1, 2]);
    dispose(items.flatMap((item) => [item.input, item.target]));
    dispose(batch);
  });

  it('turns whole numbers into int32 and other numbers into float32', async () => {
    const labels = defaultCollate([3, 1, 4]);
    expect(labels.dtype).toBe('int32');
    expect(Array.from(await labels.data())).toEqual([3, 1, 4]);
    const values = defaultCollate([0.5, 2]);
    expect(values.dtype).toBe('float32');
    expect(Array.from(await values.data())).toEqual([0.5, 2]);
    const flags = defaultCollate([true, false]);
    expect(flags.dtype).toBe('bool');
    dispose([labels, values, flags]);
  });

  it('collates tuples by position and keeps strings as a list', () => {
    const items: [Tensor, number, string][] = [[ones([2]), 1, 'a'], [ones([2]), 2, 'b']];
    const [input, label, name] = defaultCollate(items);
    expect(input.shape).toEqual([2, 2]);
    expect(label.shape).toEqual([2]);
    expect(name).toEqual(['a', 'b']);
    dispose(items.map((item) => item[0]));
    dispose([input, label]);
  });

  it('says which item and field do not match, and frees the half-built batch', () => {
    const items = [{ x: ones([2]), y: 1 }, { x: ones([2]), y: 'two' }];
    const before = memory().tensors;
    expect(() => defaultCollate(items as never)).toThrow("collate: item 1.y is 'two' (a string), expected a number like item 0.y");
    expect(memory().tensors).toBe(before);
    const lone = ones([1]);
    expect(() => defaultCollate([lone, 3] as never)).toThrow('collate: item 1 is 3, expected a Tensor like item 0');
    lone.dispose();
    expect(() => defaultCollate([{ a: 1 }, { b: 1 }])).toThrow('expected an object with the fields a like item 0');
    expect(() => defaultCollate([null])).toThrow('collate: cannot collate item 0, which is null');
    expect(() => defaultCollate([])).toThrow('collate: cannot collate an empty list of items');
    dispose(items.map((item) => item.x));
  });
});
