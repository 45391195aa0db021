import { isTensor, stack, tensor, tidy, type Tensor } from '@neurite/tensor';
import { describe } from './dataset.js';

/**
 * The batch type the default collate makes from items of type `T`: tensors and numbers become
 * tensors with a leading batch axis, booleans a bool tensor, strings a string array; records and
 * tuples are collated field by field.
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { -readonly [K in keyof T]: Collated<T[K]> }
          : never;

/**
 * Stacks a list of items into one batch (PyTorch's default_collate, for Neurite's types).
 * Tensors are stacked on a new first axis; numbers become an int32 tensor when every value is an
 * integer in int32 range (class labels, what crossEntropy wants) and float32 otherwise; booleans a
 * bool tensor. Since JavaScript has one number type, a float field whose batch happens to hold
 * only whole numbers would come out int32: store such data as a float32 tensor, or pass a collate.
 */
export function defaultCollate<T>(items: readonly T[]): Collated<T> {
  if (items.length === 0) throw new Error('collate: cannot collate an empty list of items');
  // tidy frees a half-built batch when a later field fails; the finished batch is returned, so kept.
  return tidy(() => collateAt(items, '')) as Collated<T>;
}

function collateAt(items: readonly unknown[], path: string): unknown {
  const first = items[0];
  const mismatch = (index: number, expected: string): never => {
    throw new TypeError(`collate: item ${index}${path} is ${describe(items[index])}, expected ${expected} like item 0${path}`);
  };
  if (isTensor(first)) {
    items.forEach((item, index) => isTensor(item) || mismatch(index, 'a Tensor'));
    return stack(items as Tensor[]);
  }
  if (typeof first === 'number') {
    const values = items.map((item, index) => (typeof item === 'number' ? item : mismatch(index, 'a number')));
    const integral = values.every((value) => Number.isInteger(value) && value >= -2147483648 && value <= 2147483647);
    return integral ? tensor(Int32Array.from(values), [values.length], 'int32') : tensor(Float32Array.from(values), [values.length], 'float32');
  }
  if (typeof first === 'boolean') {
    const values = items.map((item, index) => (typeof item === 'boolean' ? Number(item) : mismatch(index, 'a boolean')));
    return tensor(Uint8Array.from(values), [values.length], 'bool');
  }
  if (typeof first === 'string') {
    return items.map((item, index) => (typeof item === 'string' ? item : mismatch(index, 'a string')));
  }
  if (Array.isArray(first)) {
    items.forEach((item, index) => (Array.isArray(item) && item.length === first.length) || mismatch(index, `an array of length ${first.length}`));
    return first.map((_, position) => collateAt(items.map((item) => (item as unknown[])[position]), `${path}[${position}]`));
  }
  if (first !== null && typeof first === 'object' && Object.getPrototypeOf(first) === Object.prototype) {
    const keys = Object.keys(first);
    const sameKeys = (item: unknown) =>
      item !== null && typeof item === 'object' && Object.keys(item).length === keys.length && keys.every((key) => key in item);
    items.forEach((item, index) => sameKeys(item) || mismatch(index, `an object with the fields ${keys.join(', ')}`));
    const batch: Record<string, unknown> = {};
    for (const key of keys) batch[key] = collateAt(items.map((item) => (item as Record<string, unknown>)[key]), `${path}.${key}`);
    return batch;
  }
  throw new TypeError(`collate: cannot collate item 0${path}, which is ${describe(first)}; the default collate handles tensors, numbers, booleans, strings, arrays and plain objects (pass a collate option for anything else)`);
}
