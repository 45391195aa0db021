import { FunctionBuilder, FunctionIndex, dotProductFunctions, drop, encodeModule, f32x4, v128, type FunctionDefinition } from '@neurite/backend/wasm';
import { sgemmFunctions, sgemmScratchBytes, type SgemmShape } from './kernels/sgemm.js';
import { reduceFunctions } from './kernels/reduce.js';
import { argReduceFunctions } from './kernels/arg-reduce.js';
import { optimizerFunctions } from './kernels/optimizers.js';
import { gatherFunctions } from './kernels/gather.js';
import {
  WASM_BINARY_OPS, WASM_COMPARISON_OPS, WASM_UNARY_OPS, comparisonFunctions, elementwiseFunctions, type WasmBinaryOp, type WasmComparisonOp, type WasmUnaryOp,
} from './kernels/elementwise.js';
import type { ScratchSpace } from './arena.js';

/** What the engine running this code can do with WebAssembly. */
export interface WasmFeatures {
  readonly simd: boolean;
  /** Relaxed SIMD (f32x4.relaxed_madd): Chromium 114+, Node 22+; Node 20 only with a flag. */
  readonly relaxedSimd: boolean;
}

/** The memory import of every kernel module: the heap, shared where a worker pool maps it. */
function memoryImport(shared: boolean) {
  return { initialPages: 1, maximumPages: 65536, shared } as const;
}
const MEMORY_IMPORT = memoryImport(false);

function validates(body: FunctionDefinition): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(encodeModule(MEMORY_IMPORT, [body]));
  } catch {
    return false;
  }
}

let probed: WasmFeatures | undefined;

/** Probes (once) by validating tiny modules that use each feature. */
export function wasmFeatures(): WasmFeatures {
  probed ??= {
    simd: validates(new FunctionBuilder('probe', {}).finish(drop(f32x4.add(v128.zero(), v128.zero())))),
    relaxedSimd: validates(new FunctionBuilder('probe', {}).finish(drop(f32x4.relaxedMadd(v128.zero(), v128.zero(), v128.zero())))),
  };
  return probed;
}

/**
 * Register tile 4x8 (6x8 spills: 26 vs 42 GFLOP/s at 1024), depth slabs of 256, A blocks of 128 rows
 * (128 KiB, in L2), B panels of 512 columns (512 KiB); other blocks moved the 1024-matmul within noise.
 * B is read in place for up to 64 rows: 8x576x25 (a convolution) 32 → 39 GFLOP/s; for 1024 rows
 * packing wins (43 vs 27: in place, each k of a 1024-wide B is a new page).
 */
function sgemmShape(relaxed: boolean): SgemmShape {
  return { tileRows: 4, depthBlock: 256, rowBlock: 128, columnBlock: 512, directRows: 64, relaxed };
}

/** The compiled kernels, per variant: a module is immutable and can be instantiated many times. */
const compiled = new Map<string, WebAssembly.Module>();

/**
 * The kernel module of a variant, compiled once per realm. A module is immutable: the worker pool
 * compiles it once and posts it to its workers, which instantiate it over the shared heap.
 */
export function kernelModule(relaxed: boolean, shared = false): WebAssembly.Module {
  const key = `${relaxed}/${shared}`;
  let module = compiled.get(key);
  if (module === undefined) {
    const index = new FunctionIndex();
    const functions = index.order([...sgemmFunctions(sgemmShape(relaxed), index), ...dotProductFunctions('sgemmDot', relaxed, index), ...elementwiseFunctions(), ...comparisonFunctions(), ...reduceFunctions(), ...argReduceFunctions(), ...optimizerFunctions(), ...gatherFunctions()]);
    // Synchronous: the module is a few kilobytes, far under the engines' main-thread limit.
    module = new WebAssembly.Module(encodeModule(memoryImport(shared), functions));
    compiled.set(key, module);
  }
  return module;
}

/** The kernels of one backend, over its heap. Pointers and strides are in bytes. */
export interface WasmKernels {
  readonly relaxed: boolean;
  /** `C[m,n] = A[m,k] @ B[k,n]`, with A(i,p) at `a + i*aRow + p*aColumn` and B(p,j) at `b + p*bRow + j*bColumn`; C dense. */
  sgemm(m: number, n: number, k: number, a: number, aRow: number, aColumn: number, b: number, bRow: number, bColumn: number, c: number): void;
  /** `C[m,n] = A[m,k] @ Bᵀ` with both read along k in place (`dotProductFunctions`, one segment): A(i,p) at `a + i*aRow + 4p`, B(p,j) at `b + j*bColumn + 4p`; C dense. */
  sgemmDot(m: number, n: number, k: number, a: number, aRow: number, b: number, bColumn: number, c: number): void;
  /** Float32 `out[i] = a[i*aStride] op b[i*bStride]` for `length` elements (strides in elements). */
  readonly binary: Readonly<Record<WasmBinaryOp, (out: number, a: number, aStride: number, b: number, bStride: number, length: number) => void>>;
  /** Float32 `out[i] = op(x[i])` for `length` elements. */
  readonly unary: Readonly<Record<WasmUnaryOp, (out: number, x: number, length: number) => void>>;
  /** Float32 comparisons into bools: `out[i] = a[i*aStride] op b[i*bStride] ? 1 : 0` (out in bytes). */
  readonly compare: Readonly<Record<WasmComparisonOp, (out: number, a: number, aStride: number, b: number, bStride: number, length: number) => void>>;
  castBoolToFloat(out: number, x: number, length: number): void;
  /** Folds one row of float32 input into float32 (max, min) or double (sum) accumulators; strides in elements. */
  readonly reduceRow: Readonly<Record<'max' | 'min' | 'sum', (accumulator: number, accumulatorStride: number, input: number, inputStride: number, length: number) => void>>;
  /** `target[i] = float(source[i])` from doubles. */
  demote(target: number, source: number, length: number): void;
  fillDouble(target: number, length: number, value: number): void;
  /** Float32 argmax/argmin over the middle axis of [outer, axisSize, inner] into int32 `out`; `best` is inner floats of scratch. */
  readonly argReduce: Readonly<Record<'argmax' | 'argmin', (out: number, input: number, outer: number, axisSize: number, inner: number, best: number) => void>>;
  /** One row of a 4-byte gather (bytes; see kernels/gather.ts): -1, or where the first bad index is. */
  gatherRow(out: number, x: number, index: number, length: number, indexStride: number, xStride: number, axisSize: number, axisStride: number): number;
  /** One row of a float32 scatterAdd (bytes; see kernels/gather.ts): -1, or where the first bad index is. */
  scatterAddRow(target: number, index: number, source: number, length: number, indexStride: number, sourceStride: number, targetStride: number, axisSize: number, axisStride: number): number;
  /** Adam/AdamW over one parameter (see kernels/optimizers.ts for the argument order). */
  adamUpdate(...args: number[]): void;
  /** SGD over one parameter (see kernels/optimizers.ts for the argument order). */
  sgdUpdate(...args: number[]): void;
  /** Scratch blocks of the heap, for kernels that need temporaries. */
  readonly scratch: ScratchSpace;
}

export interface WasmKernelInstanceOptions {
  /** A module from `kernelModule(relaxed, shared)`; default: this realm's, for a non-shared memory. */
  readonly module?: WebAssembly.Module;
  /** The offset of a block of `sgemmScratchBytes()` for the matrix product's packing; default: taken from `scratch`. */
  readonly sgemmScratch?: number;
}

/** Bytes of scratch the matrix product packs its blocks into (one block per thread that runs it). */
export function kernelScratchBytes(relaxed: boolean): number {
  return sgemmScratchBytes(sgemmShape(relaxed));
}

/**
 * Instantiates the kernels over `memory`, or returns undefined where SIMD is missing. Temporaries
 * come from `scratch` (the heap's arena on one thread, a worker's own region in a pool).
 */
export function instantiateWasmKernels(
  memory: WebAssembly.Memory, scratchSpace: ScratchSpace, features: WasmFeatures = wasmFeatures(), options: WasmKernelInstanceOptions = {},
): WasmKernels | undefined {
  if (!features.simd) return undefined;
  const relaxed = features.relaxedSimd;
  const instance = new WebAssembly.Instance(options.module ?? kernelModule(relaxed), { env: { memory } });
  const functions = instance.exports as Record<string, (...args: number[]) => void>;
  const scratch = options.sgemmScratch ?? scratchSpace.allocate(sgemmScratchBytes(sgemmShape(relaxed)));
  const sgemm = functions.sgemm;
  return {
    relaxed,
    sgemm: (m, n, k, a, aRow, aColumn, b, bRow, bColumn, c) => sgemm(m, n, k, a, aRow, aColumn, b, bRow, bColumn, c, scratch),
    sgemmDot: (m, n, k, a, aRow, b, bColumn, c) => functions.sgemmDot(m, n, k, 1, a, aRow, 0, b, bColumn, 0, c),
    binary: Object.fromEntries(WASM_BINARY_OPS.map((op) => [op, functions[`binary_${op}`]])) as WasmKernels['binary'],
    unary: Object.fromEntries(WASM_UNARY_OPS.map((op) => [op, functions[`unary_${op}`]])) as WasmKernels['unary'],
    compare: Object.fromEntries(WASM_COMPARISON_OPS.map((op) => [op, functions[`compare_${op}`]])) as WasmKernels['compare'],
    castBoolToFloat: functions.cast_bool_f32,
    reduceRow: { max: functions.reduceMaxRow, min: functions.reduceMinRow, sum: functions.reduceSumRow },
    demote: functions.reduceDemote,
    fillDouble: functions.fillDouble,
    argReduce: { argmax: functions.argmax, argmin: functions.argmin },
    gatherRow: functions.gatherRow32 as unknown as WasmKernels['gatherRow'],
    scatterAddRow: functions.scatterAddRowF32 as unknown as WasmKernels['scatterAddRow'],
    adamUpdate: functions.adamUpdate,
    sgdUpdate: functions.sgdUpdate,
    scratch: scratchSpace,
  };
}

/**
 * A plugin's wasm-form kernel as a callable: its functions in their own module over `arena`'s
 * memory. Throws, naming the op, when the functions do not compile or lack the entry.
 */
export function instantiatePluginKernel(op: string, memory: WebAssembly.Memory, definitions: readonly FunctionDefinition[], entry: string): (...args: number[]) => void {
  return pluginKernelEntry(op, compilePluginKernel(op, definitions, false), memory, entry, definitions);
}

/** A plugin's wasm-form functions compiled into a module (over a shared heap where `shared`). */
export function compilePluginKernel(op: string, definitions: readonly FunctionDefinition[], shared: boolean): WebAssembly.Module {
  try {
    const index = new FunctionIndex();
    return new WebAssembly.Module(encodeModule(memoryImport(shared), index.order(definitions)));
  } catch (error) {
    throw new Error(`registerKernel: the wasm kernel of '${op}' does not compile: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The entry of a compiled plugin kernel, instantiated over `memory`; throws, naming the op, where it lacks it. */
export function pluginKernelEntry(
  op: string, module: WebAssembly.Module, memory: WebAssembly.Memory, entry: string, definitions?: readonly FunctionDefinition[],
): (...args: number[]) => void {
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (error) {
    throw new Error(`registerKernel: the wasm kernel of '${op}' does not instantiate: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const fn = instance.exports[entry];
  if (typeof fn !== 'function') {
    const defined = definitions ? definitions.map((d) => d.name) : Object.keys(instance.exports);
    throw new Error(`registerKernel: the wasm kernel of '${op}' has no function '${entry}' (it defines: ${defined.join(', ')})`);
  }
  return fn as (...args: number[]) => void;
}
