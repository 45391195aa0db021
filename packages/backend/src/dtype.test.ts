import { describe, expect, it } from 'vitest';
import { allocateTypedArray, bytesPerElement, isDType, matchesDType, sizeOf } from './dtype.js';

describe('dtypes', () => {
  it('map to their typed arrays', () => {
    expect(allocateTypedArray('float32', 3)).toBeInstanceOf(Float32Array);
    expect(allocateTypedArray('int32', 3)).toBeInstanceOf(Int32Array);
    expect(allocateTypedArray('bool', 3)).toBeInstanceOf(Uint8Array);
    expect(matchesDType(new Int32Array(1), 'float32')).toBe(false);
    expect(matchesDType(new Uint8Array(1), 'bool')).toBe(true);
    expect([bytesPerElement('float32'), bytesPerElement('int32'), bytesPerElement('bool')]).toEqual([4, 4, 1]);
    expect(isDType('float64')).toBe(false);
  });

  it('a scalar has one element, an empty axis none', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(sizeOf([2, 3, 4])).toBe(24);
  });
});
