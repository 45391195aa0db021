import { describe, expect, it } from 'vitest';
import { tensor, zeros, ones, setBackend, arange, randint } from './index.js';

/** Bad input gets an error naming the op, the shapes or dtypes, and what was expected. */
describe('clear errors for bad input', () => {
  it('a shape mismatch names the op and both shapes', () => {
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow('add: shapes [2, 3] and [4] cannot be broadcast together (axis -1: 3 vs 4)');
    expect(() => zeros([2, 3]).matmul(zeros([2, 3]))).toThrow('matmul: inner dimensions differ: [2, 3] @ [2, 3] (3 vs 2)');
    expect(() => zeros([2, 3]).reshape([4, 2])).toThrow('reshape: cannot reshape a tensor of shape [2, 3] (6 elements) into [4, 2]');
    expect(() => zeros([2, 3]).slice([1, 0], [2, 3])).toThrow(/slice: window begin \[1, 0\] size \[2, 3\] is out of bounds for shape \[2, 3\]/);
    expect(() => zeros([2]).sum(1)).toThrow('sum: axis 1 is out of range for a tensor of rank 1');
  });

  it('a wrong dtype names it', () => {
    expect(() => zeros([2]).gather(0, zeros([2]))).toThrow("gather: index must have dtype 'int32', got 'float32'");
    expect(() => zeros([2], 'bool').neg()).toThrow("neg: not defined for dtype 'bool'");
    expect(() => zeros([2, 2], 'bool').matmul(ones([2, 2]))).toThrow(/matmul: not defined for dtype 'bool'/);
    expect(() => tensor([1], [1], 'float64' as never)).toThrow("tensor: unknown dtype 'float64'");
  });

  it('using a disposed tensor says so', () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => x.add(1)).toThrow('add: the tensor of shape [2] (float32) was disposed');
    expect(() => x.dataSync()).toThrow(/dataSync: the tensor .* was disposed/);
    x.dispose(); // twice is harmless
  });

  it('an unknown backend name lists the registered ones', async () => {
    zeros([1]); // makes sure the default CPU backend is registered
    // The test set-up may have registered 'webgpu' and 'worker' too (they can run here); 'cpu' is always there.
    await expect(setBackend('quantum')).rejects.toThrow(/^setBackend: no backend named 'quantum'\. Registered backends: ('webgpu', )?('worker', )?'cpu'$/);
  });

  it('ragged or malformed values are refused', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array: element [1] has length 1, expected 2');
    expect(() => tensor(new Float32Array(5), [2, 2])).toThrow('tensor: 5 values do not fill shape [2, 2] (4 elements)');
    expect(() => zeros([2, -1])).toThrow('full: shape [2, -1] has an invalid size -1');
    expect(() => arange(0, 5, 0)).toThrow('arange: step must be a finite non-zero number');
    expect(() => randint(3, 3, [2])).toThrow('randint: expected integers low < high');
  });

  it('an out-of-range index is an error, not a silent read', () => {
    const x = tensor([1, 2, 3]);
    expect(() => x.indexSelect(0, tensor([0, 3], [2], 'int32'))).toThrow(/3/);
    expect(() => tensor([0, 5], [2], 'int32').oneHot(4)).toThrow(/5/);
  });

});
