import { matchesDType, type DType, type TypedArray } from '@neurite/backend';

const ARRAY_NAMES: Readonly<Record<DType, string>> = { float32: 'Float32Array', int32: 'Int32Array', bool: 'Uint8Array' };

/** The typed array a dtype's values come in, by name (for error messages). */
export function arrayNameOf(dtype: DType): string {
  return ARRAY_NAMES[dtype];
}

/** `upload` takes exactly the typed array of its dtype (the contract); anything else is refused by name. */
export function checkUploadValues(values: TypedArray, dtype: DType): void {
  if (!ArrayBuffer.isView(values) || !matchesDType(values, dtype)) {
    const given = ArrayBuffer.isView(values) ? values.constructor.name : typeof values;
    throw new Error(`upload: ${dtype} values must be a ${ARRAY_NAMES[dtype]}, got ${given}`);
  }
}

/** Copies uploaded values into a buffer's view; bools become exactly 0 or 1, which kernels rely on. */
export function copyUploadValues(target: TypedArray, values: TypedArray, dtype: DType): void {
  if (dtype === 'bool') {
    for (let index = 0; index < values.length; index++) target[index] = values[index] !== 0 ? 1 : 0;
  } else {
    target.set(values);
  }
}
