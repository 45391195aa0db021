import type { DType, TypedArray } from '@neurite/tensor';

/** safetensors dtypes Neurite reads, and how their bytes become one of Neurite's dtypes. */
export interface StoredDType {
  readonly bytes: number;
  readonly target: DType;
  /** Decodes `count` little-endian values starting at `view`'s byte 0. */
  decode(view: DataView, count: number, name: string): TypedArray;
}

const littleEndian = true;

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const widened = new Uint32Array(1);
const widenedAsFloat = new Float32Array(widened.buffer);
function bfloat16(bits: number): number {
  widened[0] = bits << 16;
  return widenedAsFloat[0];
}

function decodeFloats(read: (view: DataView, offset: number) => number, bytes: number) {
  return (view: DataView, count: number) => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = read(view, i * bytes);
    return out;
  };
}

function decodeInts(read: (view: DataView, offset: number) => number, bytes: number) {
  return (view: DataView, count: number) => {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = read(view, i * bytes);
    return out;
  };
}

export const STORED_DTYPES: Readonly<Record<string, StoredDType>> = {
  F32: { bytes: 4, target: 'float32', decode: decodeFloats((v, o) => v.getFloat32(o, littleEndian), 4) },
  F64: { bytes: 8, target: 'float32', decode: decodeFloats((v, o) => v.getFloat64(o, littleEndian), 8) },
  F16: { bytes: 2, target: 'float32', decode: decodeFloats((v, o) => float16(v.getUint16(o, littleEndian)), 2) },
  // bfloat16 is the top half of a float32.
  BF16: { bytes: 2, target: 'float32', decode: decodeFloats((v, o) => bfloat16(v.getUint16(o, littleEndian)), 2) },
  I32: { bytes: 4, target: 'int32', decode: decodeInts((v, o) => v.getInt32(o, littleEndian), 4) },
  I16: { bytes: 2, target: 'int32', decode: decodeInts((v, o) => v.getInt16(o, littleEndian), 2) },
  I8: { bytes: 1, target: 'int32', decode: decodeInts((v, o) => v.getInt8(o), 1) },
  U8: { bytes: 1, target: 'int32', decode: decodeInts((v, o) => v.getUint8(o), 1) },
  I64: {
    bytes: 8,
    target: 'int32',
    // PyTorch stores indices and counters (num_batches_tracked) as int64: converted, never wrapped.
    decode: (view, count, name) => {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const value = view.getBigInt64(i * 8, littleEndian);
        if (value > 2147483647n || value < -2147483648n) {
          throw new Error(`loadSafetensors: tensor '${name}' (I64) holds ${value} at index ${i}, outside the int32 range Neurite stores integers in`);
        }
        out[i] = Number(value);
      }
      return out;
    },
  },
  BOOL: {
    bytes: 1,
    target: 'bool',
    decode: (view, count) => {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i) !== 0 ? 1 : 0;
      return out;
    },
  },
};

/** The safetensors dtype Neurite writes for each of its dtypes. */
export const WRITTEN_DTYPE: Readonly<Record<DType, string>> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };
