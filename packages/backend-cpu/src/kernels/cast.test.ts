import { describe, expect, it } from 'vitest';
import { run } from '../test-support.js';

describe('cast', () => {
  it('float32 to int32 truncates toward zero', () => {
    const actual = run('cast', [{ values: [1.9, -1.9, 0.5, -0.5, 0, 1e6 + 0.5, -2147483648], shape: [7] }], {}, { shape: [7], dtype: 'int32' });
    expect(actual).toBeInstanceOf(Int32Array);
    expect(Array.from(actual)).toEqual([1, -1, 0, 0, 0, 1000000, -2147483648]);
  });

  it('float to int32: NaN is 0, values beyond the range saturate (not wrap)', () => {
    const actual = run('cast', [{ values: [NaN, Infinity, -Infinity, 3e9, -3e9, 2147483648, -2147483904], shape: [7] }], {}, { shape: [7], dtype: 'int32' });
    expect(Array.from(actual)).toEqual([0, 2147483647, -2147483648, 2147483647, -2147483648, 2147483647, -2147483648]);
  });

  it('anything to bool is != 0, with NaN true', () => {
    expect(Array.from(run('cast', [{ values: [0, -0, 0.1, -3, NaN, Infinity], shape: [2, 3] }], {}, { shape: [2, 3], dtype: 'bool' }))).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(run('cast', [{ values: [0, 5, -1], shape: [3], dtype: 'int32' }], {}, { shape: [3], dtype: 'bool' }))).toEqual([0, 1, 1]);
    expect(Array.from(run('cast', [{ values: [0, 1], shape: [2], dtype: 'bool' }], {}, { shape: [2], dtype: 'bool' }))).toEqual([0, 1]);
  });

  it('bool and int32 to float32', () => {
    const fromBool = run('cast', [{ values: [1, 0, 1], shape: [3], dtype: 'bool' }], {}, { shape: [3], dtype: 'float32' });
    expect(fromBool).toBeInstanceOf(Float32Array);
    expect(Array.from(fromBool)).toEqual([1, 0, 1]);
    expect(Array.from(run('cast', [{ values: [16777217, -3], shape: [2], dtype: 'int32' }], {}, { shape: [2] }))).toEqual([16777216, -3]);
    expect(Array.from(run('cast', [{ values: [1, 0], shape: [2], dtype: 'bool' }], {}, { shape: [2], dtype: 'int32' }))).toEqual([1, 0]);
  });

  it('same-dtype casts copy, including scalars and empty arrays', () => {
    expect(Array.from(run('cast', [{ values: [2.5], shape: [] }], {}, { shape: [] }))).toEqual([2.5]);
    expect(run('cast', [{ values: [], shape: [0, 4] }], {}, { shape: [0, 4], dtype: 'int32' }).length).toBe(0);
  });
});
