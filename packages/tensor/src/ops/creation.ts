import type { DType, TypedArray } from '@neurite/backend';
import { allocateTypedArray, isDType, matchesDType } from '@neurite/backend';
import { type Tensor } from '../tensor.js';
import { adoptBuffer } from '../runtime/handles.js';
import { getBackend } from '../runtime/active-backend.js';
import { checkShape, formatShape, sizeOfShape } from '../shape-utils.js';
import { defaultGenerator, type Generator } from '../random.js';

/** Nested arrays of numbers or booleans, any depth. */
export type NestedArray = number | boolean | readonly NestedArray[];

function checkDType(op: string, dtype: DType): void {
  if (!isDType(dtype)) throw new Error(`${op}: unknown dtype '${String(dtype)}' (expected 'float32', 'int32' or 'bool')`);
}

/** Shape of a nested array, checking it is not ragged. */
function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (value: NestedArray, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (Array.isArray(value)) throw new Error(`tensor: ragged nested array: element [${path.join('][')}] is an array, expected a number`);
      if (typeof value !== 'number' && typeof value !== 'boolean') throw new Error(`tensor: element [${path.join('][')}] is ${typeof value}, expected a number or boolean`);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      throw new Error(`tensor: ragged nested array: element [${path.join('][')}] has ${Array.isArray(value) ? `length ${value.length}` : 'no length'}, expected ${shape[depth]}`);
    }
    value.forEach((item: NestedArray, i: number) => check(item, depth + 1, [...path, i]));
  };
  check(values, 0, []);
  return shape;
}

function flattenNested(values: NestedArray): (number | boolean)[] {
  const flat: (number | boolean)[] = [];
  const stack: NestedArray[] = [values];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    else flat.push(value as number | boolean);
  }
  return flat;
}

function fromTyped(values: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  const backend = getBackend();
  return adoptBuffer(backend, backend.upload(values, dtype), shape, dtype);
}

function defaultDType(values: TypedArray | NestedArray): DType {
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint8Array) return 'bool';
  if (ArrayBuffer.isView(values)) return 'float32';
  let first: NestedArray = values as NestedArray;
  while (Array.isArray(first)) first = first[0];
  return typeof first === 'boolean' ? 'bool' : 'float32';
}

/**
 * A tensor from nested arrays (`tensor([[1, 2], [3, 4]])`, float32 unless they hold booleans) or
 * from a typed array with a shape (`tensor(values, [2, 2], 'int32')`). Values are copied.
 */
export function tensor(values: TypedArray | NestedArray, shape?: readonly number[], dtype?: DType): Tensor {
  const type = dtype ?? defaultDType(values);
  checkDType('tensor', type);
  if (ArrayBuffer.isView(values)) {
    const typed = values as TypedArray;
    const finalShape = shape ?? [typed.length];
    checkShape('tensor', finalShape);
    if (sizeOfShape(finalShape) !== typed.length) {
      throw new Error(`tensor: ${typed.length} values do not fill shape ${formatShape(finalShape)} (${sizeOfShape(finalShape)} elements)`);
    }
    if (matchesDType(typed, type)) return fromTyped(typed, finalShape, type);
    const converted = allocateTypedArray(type, typed.length);
    for (let i = 0; i < typed.length; i++) converted[i] = type === 'bool' ? Number(typed[i] !== 0) : typed[i];
    return fromTyped(converted, finalShape, type);
  }
  const inferred = inferShape(values);
  const flat = flattenNested(values);
  const finalShape = shape ?? inferred;
  checkShape('tensor', finalShape);
  if (sizeOfShape(finalShape) !== flat.length) {
    throw new Error(`tensor: ${flat.length} values (shape ${formatShape(inferred)}) do not fill shape ${formatShape(finalShape)}`);
  }
  const typed = allocateTypedArray(type, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const value = flat[i];
    typed[i] = type === 'bool' ? Number(Boolean(value)) : Number(value);
  }
  return fromTyped(typed, finalShape, type);
}

export function full(shape: readonly number[], value: number | boolean, dtype: DType = typeof value === 'boolean' ? 'bool' : 'float32'): Tensor {
  checkShape('full', shape);
  checkDType('full', dtype);
  const backend = getBackend();
  return adoptBuffer(backend, backend.fill(sizeOfShape(shape), Number(value), dtype), shape, dtype);
}

export const zeros = (shape: readonly number[], dtype: DType = 'float32'): Tensor => full(shape, 0, dtype);
export const ones = (shape: readonly number[], dtype: DType = 'float32'): Tensor => full(shape, 1, dtype);
export const zerosLike = (x: Tensor, dtype: DType = x.dtype): Tensor => x.newFull(x.shape, 0, dtype);
export const onesLike = (x: Tensor, dtype: DType = x.dtype): Tensor => x.newFull(x.shape, 1, dtype);
export const fullLike = (x: Tensor, value: number, dtype: DType = x.dtype): Tensor => x.newFull(x.shape, value, dtype);

/** `[start, end)` in steps (`arange(5)` is 0..4). int32 when all arguments are integers, as PyTorch. */
export function arange(start: number, end?: number, step = 1, dtype?: DType): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be a finite non-zero number, got ${step}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const type = dtype ?? ([from, to, step].every(Number.isInteger) ? 'int32' : 'float32');
  const values = allocateTypedArray(type, count);
  for (let i = 0; i < count; i++) values[i] = from + i * step;
  return fromTyped(values, [count], type);
}

/** `steps` evenly spaced values from `start` to `end` inclusive. */
export function linspace(start: number, end: number, steps: number): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: steps must be a non-negative integer, got ${steps}`);
  const values = new Float32Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) values[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return fromTyped(values, [steps], 'float32');
}

/** An n×m matrix with ones on the diagonal. */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  checkShape('eye', [n, m]);
  const values = allocateTypedArray(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return fromTyped(values, [n, m], dtype);
}

export interface RandomOptions {
  /** Draws from this generator instead of the default one that `manualSeed` seeds. */
  readonly generator?: Generator;
}

function randomTensor(op: string, shape: readonly number[], draw: (generator: Generator) => number, dtype: DType, options: RandomOptions): Tensor {
  checkShape(op, shape);
  const generator = options.generator ?? defaultGenerator;
  const values = allocateTypedArray(dtype, sizeOfShape(shape));
  for (let i = 0; i < values.length; i++) values[i] = draw(generator);
  return fromTyped(values, shape, dtype);
}

/** Uniform in [0, 1). */
export const rand = (shape: readonly number[], options: RandomOptions = {}): Tensor => randomTensor('rand', shape, (g) => g.nextFloat(), 'float32', options);

/** Standard normal. */
export const randn = (shape: readonly number[], options: RandomOptions = {}): Tensor => randomTensor('randn', shape, (g) => g.nextNormal(), 'float32', options);

/** Uniform integers in [low, high), int32. */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new Error(`randint: expected integers low < high, got low=${low}, high=${high}`);
  }
  return randomTensor('randint', shape, (g) => g.nextInt(low, high), 'int32', options);
}
