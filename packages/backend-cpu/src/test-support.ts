/**
 * Helpers shared by the tests (not exported from the package): running one kernel on plain arrays,
 * and the flat-index <-> position arithmetic the deliberately naive references are written with.
 */
import { sizeOf, type DType, type Kernel, type KernelPrimitive, type PrimitiveAttributes, type TypedArray } from '@neurite/backend';
import { createCpuBackend } from './cpu-backend.js';

export interface TestInput {
  readonly values: readonly number[] | TypedArray;
  readonly shape: readonly number[];
  readonly dtype?: DType;
}

const arrays = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

/** The CPU backend's two kernel paths: WebAssembly SIMD where the engine has it ('auto'), and TypeScript. */
export const KERNEL_PATHS = ['auto', 'typescript'] as const;
export type KernelPathOption = (typeof KERNEL_PATHS)[number];

/**
 * Runs `primitive` on a fresh backend and returns the output values; checks nothing leaks. The
 * output gets a reused block filled with NaN bytes, so a kernel that leaves elements unwritten
 * (assuming a zeroed output) fails.
 */
export function run<P extends KernelPrimitive>(
  primitive: P,
  inputs: readonly TestInput[],
  attributes: PrimitiveAttributes[P],
  output: { readonly shape: readonly number[]; readonly dtype?: DType },
  path: KernelPathOption = 'auto',
): TypedArray {
  const backend = createCpuBackend({ kernels: path, poisonReleased: true });
  const kernelInputs = inputs.map((input) => {
    const dtype = input.dtype ?? 'float32';
    return { dataId: backend.upload(arrays[dtype].from(input.values), dtype), shape: input.shape, dtype };
  });
  const outputDType = output.dtype ?? 'float32';
  backend.release(backend.fill(sizeOf(output.shape), 0, outputDType)); // poisoned, reused by the output
  const kernel: Kernel<P> = backend.kernels[primitive];
  const result = kernel(kernelInputs, attributes, { shape: output.shape, dtype: outputDType });
  const values = backend.readSync(result, outputDType, sizeOf(output.shape));
  backend.release(result);
  for (const input of kernelInputs) backend.release(input.dataId);
  if (backend.memory().buffers !== 0) throw new Error(`${primitive}: buffers leaked`);
  return values;
}

/** The position (multi-index) of the element at `flat` in a row-major array of `shape`. */
export function positionOf(flat: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    position[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return position;
}

/** The flat index of `position` in a row-major array of `shape`. */
export function flatOf(position: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let axis = 0; axis < shape.length; axis++) flat = flat * shape[axis] + position[axis];
  return flat;
}

/** The element of a `shape` array that NumPy broadcasting reads for output `position`. */
export function broadcastFlat(position: readonly number[], shape: readonly number[]): number {
  const leading = position.length - shape.length;
  return flatOf(shape.map((size, axis) => (size === 1 ? 0 : position[leading + axis])), shape);
}

/** A seeded generator (mulberry32) so that failures reproduce. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` values in [low, high), rounded to float32 so references see exactly what the kernel sees. */
export function randomFloats(size: number, seed: number, low = -2, high = 2): number[] {
  const next = random(seed);
  return Array.from({ length: size }, () => Math.fround(low + (high - low) * next()));
}

/** `size` integers in [low, high). */
export function randomIntegers(size: number, seed: number, low: number, high: number): number[] {
  const next = random(seed);
  return Array.from({ length: size }, () => low + Math.floor((high - low) * next()));
}

/** The values `fn` gives at every flat index of `shape`, as a float32 (or other dtype) array. */
export function tabulate(shape: readonly number[], fn: (position: number[]) => number, dtype: DType = 'float32'): number[] {
  const size = sizeOf(shape);
  const values: number[] = [];
  const store = new arrays[dtype](1);
  for (let flat = 0; flat < size; flat++) {
    store[0] = fn(positionOf(flat, shape));
    values.push(store[0]);
  }
  return values;
}
