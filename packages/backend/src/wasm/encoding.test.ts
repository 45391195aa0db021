import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signedLeb, unsignedLeb } from './module-builder.js';

function decodeUnsigned(bytes: readonly number[]): number {
  let value = 0;
  bytes.forEach((byte, index) => (value += (byte & 0x7f) * 2 ** (7 * index)));
  return value;
}

function decodeSigned(bytes: readonly number[]): number {
  const unsigned = decodeUnsigned(bytes);
  const bits = 7 * bytes.length;
  return (bytes[bytes.length - 1] & 0x40) !== 0 ? unsigned - 2 ** bits : unsigned;
}

describe('the WebAssembly encoder', () => {
  it('writes LEB128 that decodes to the same integer, with continuation bits on all but the last byte (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (value) => {
      const bytes = unsignedLeb(value);
      expect(decodeUnsigned(bytes)).toBe(value);
      expect(bytes.slice(0, -1).every((byte) => byte >= 0x80) && bytes[bytes.length - 1] < 0x80).toBe(true);
    }), { numRuns: 1000, seed: 1 });
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (value) => {
      expect(decodeSigned(signedLeb(value))).toBe(value);
    }), { numRuns: 1000, seed: 2 });
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});
