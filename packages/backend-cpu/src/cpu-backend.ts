import {
  ExtensionKernelRegistry,
  bytesPerElement,
  matchesDType,
  sizeOf,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type CpuKernelFunction,
  type DType,
  type DataId,
  type ExtensionKernel,
  type FusedKernelTable,
  type FusedUpdateTable,
  type KernelTable,
  type PluginKernels,
  type TypedArray,
  type WasmKernelSource,
} from '@neurite/backend';
import { CpuBufferStore, type CpuBuffer } from './buffer.js';
import { checkUploadValues, copyUploadValues } from './upload.js';
import { createFusedKernels, createKernelTable } from './kernel-table.js';
import { createFusedUpdates } from './fused-updates.js';
import { Arena } from './wasm/arena.js';
import { instantiatePluginKernel, instantiateWasmKernels, wasmFeatures, type WasmKernels } from './wasm/kernel-module.js';

function copyOf(values: TypedArray): TypedArray {
  if (values instanceof Float32Array) return new Float32Array(values);
  if (values instanceof Int32Array) return new Int32Array(values);
  return new Uint8Array(values);
}


/** Which kernels a CPU backend runs. */
export type CpuKernelPath = 'wasm-relaxed-simd' | 'wasm-simd' | 'typescript';

export interface CpuBackendOptions {
  /** The backend's name in the registry (default 'cpu'). */
  readonly name?: string;
  /**
   * 'auto' (default): WebAssembly SIMD kernels where the engine has SIMD, with relaxed SIMD where
   * it has that too; 'typescript': the TypeScript kernels only (the path engines without SIMD take).
   */
  readonly kernels?: 'auto' | 'typescript';
  /** Cap on the heap in bytes (default: the 4 GiB of wasm32). */
  readonly maximumBytes?: number;
  /** Fill released buffers with NaN bytes (for tests: catches kernels that assume zeroed outputs). */
  readonly poisonReleased?: boolean;
}

/**
 * The reference backend: every kernel runs to completion on the calling thread, so a data error
 * (an index out of range) is thrown from the op that met it. Tensors live in one
 * `WebAssembly.Memory` (see `wasm/arena.ts`); the hot kernels are WebAssembly SIMD generated at
 * load time (`wasm/`), the rest TypeScript over typed-array views of the same memory.
 */
export class CpuBackend implements Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities = { synchronousRead: true };
  readonly kernelForm = 'cpu';
  readonly kernels: KernelTable;
  readonly kernelPath: CpuKernelPath;
  /** softmax and logSoftmax in one pass per row. */
  readonly fusedKernels: FusedKernelTable;
  /** Adam/AdamW and SGD as one WebAssembly pass per parameter (absent on the TypeScript path). */
  readonly fusedUpdates?: FusedUpdateTable;

  readonly #arena: Arena;
  readonly #store: CpuBufferStore;
  readonly #extensions: ExtensionKernelRegistry<'cpu'>;
  readonly #wasm: WasmKernels | undefined;

  constructor(options: CpuBackendOptions = {}) {
    this.name = options.name ?? 'cpu';
    this.#arena = new Arena({ maximumBytes: options.maximumBytes });
    this.#store = new CpuBufferStore(this.name, this.#arena, { poisonReleased: options.poisonReleased });
    this.#extensions = new ExtensionKernelRegistry(this.name, 'cpu', (name, kernel, forms) =>
      forms.wasm && this.#wasm ? this.#compileWasm(name, forms.wasm) : this.#compile(name, kernel));
    const wasm = options.kernels === 'typescript' ? undefined : instantiateWasmKernels(this.#arena.memory, this.#arena, wasmFeatures());
    this.#wasm = wasm;
    this.kernelPath = wasm === undefined ? 'typescript' : wasm.relaxed ? 'wasm-relaxed-simd' : 'wasm-simd';
    this.kernels = createKernelTable(this.#store, wasm);
    this.fusedKernels = createFusedKernels(this.#store);
    if (wasm) this.fusedUpdates = createFusedUpdates(this.#store, wasm);
  }

  initialize(): Promise<void> {
    return Promise.resolve();
  }

  upload(values: TypedArray, dtype: DType): DataId {
    checkUploadValues(values, dtype);
    const buffer = this.#store.allocate(dtype, values.length);
    copyUploadValues(buffer.view(this.#arena), values, dtype);
    return buffer;
  }

  fill(size: number, value: number, dtype: DType): DataId {
    const buffer = this.#store.allocate(dtype, size);
    buffer.view(this.#arena).fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
    return buffer;
  }

  read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray> {
    try {
      return Promise.resolve(this.#copyOut(dataId, dtype, size, 'read'));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  readSync(dataId: DataId, dtype: DType, size: number): TypedArray {
    return this.#copyOut(dataId, dtype, size, 'readSync');
  }

  /** Nothing is ever queued here: kernels ran (or threw) when they were called. */
  sync(): Promise<void> {
    return Promise.resolve();
  }

  release(dataId: DataId): void {
    this.#store.release(dataId);
  }

  bytesPerElement(dtype: DType): number {
    return bytesPerElement(dtype);
  }

  memory(): BackendMemory {
    return this.#store.memory();
  }

  registerKernel(name: string, kernels: PluginKernels<never>): void {
    this.#extensions.register(name, kernels);
  }

  extensionKernel(name: string): ExtensionKernel<never> | undefined {
    return this.#extensions.get(name);
  }

  /** The heap's size and what its live blocks take, by class size (see `wasm/arena.ts`). */
  heap(): { readonly heapBytes: number; readonly bytesInUse: number; readonly maximumBytes: number } {
    return { heapBytes: this.#arena.heapBytes, bytesInUse: this.#arena.bytesInUse, maximumBytes: this.#arena.maximumBytes };
  }

  dispose(): void {
    this.#store.dispose();
  }

  /**
   * A plugin's CPU-form kernel, run like the primitives: the output allocated (and zeroed, as the
   * plugin contract promises) before the inputs' views are made. A throwing kernel gives it back.
   */
  #compile(name: string, kernel: CpuKernelFunction<never>): ExtensionKernel<never> {
    return (inputs, attributes, output) => {
      const result: CpuBuffer = this.#store.allocate(output.dtype, sizeOf(output.shape), true);
      try {
        const arrays = inputs.map((input) => ({ values: this.#store.valuesOf(input.dataId, name), shape: input.shape, dtype: input.dtype }));
        kernel(arrays, attributes, { values: result.view(this.#arena), shape: output.shape, dtype: output.dtype });
      } catch (error) {
        this.#store.release(result);
        throw error;
      }
      return result;
    };
  }

  /** A plugin's wasm-form kernel: called with the inputs' and output's byte offsets, then its args. */
  #compileWasm(name: string, source: WasmKernelSource<never>): ExtensionKernel<never> {
    const entry = instantiatePluginKernel(name, this.#arena.memory, source.functions({ relaxedSimd: this.#wasm?.relaxed ?? false }), source.entry);
    return (inputs, attributes, output) => {
      const result: CpuBuffer = this.#store.allocate(output.dtype, sizeOf(output.shape));
      try {
        const pointers = inputs.map((input) => this.#store.resolve(input.dataId, name).offset);
        const call = { inputs: inputs.map(({ shape, dtype }) => ({ shape, dtype })), output, attributes };
        entry(...pointers, result.offset, ...source.args(call));
      } catch (error) {
        this.#store.release(result);
        if (error instanceof WebAssembly.RuntimeError) throw new Error(`${name}: the wasm kernel trapped (${error.message})`, { cause: error });
        throw error;
      }
      return result;
    };
  }

  #copyOut(dataId: DataId, dtype: DType, size: number, action: string): TypedArray {
    const values = this.#store.valuesOf(dataId, action);
    if (!matchesDType(values, dtype)) {
      throw new Error(`${action}: the buffer holds ${values.constructor.name} values, not ${dtype}`);
    }
    if (values.length !== size) throw new Error(`${action}: the buffer holds ${values.length} elements, not ${size}`);
    // Not values.slice(): on a view of wasm memory V8 takes a slow path (35 µs vs 3 µs for 64 KiB).
    return copyOf(values);
  }
}

/** A new CPU backend, ready to use (its `initialize()` resolves at once). */
export function createCpuBackend(options: CpuBackendOptions = {}): CpuBackend {
  return new CpuBackend(options);
}
