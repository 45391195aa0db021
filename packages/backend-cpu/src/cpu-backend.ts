import {
  ExtensionKernelRegistry,
  allocateTypedArray,
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
  type KernelTable,
  type PluginKernels,
  type TypedArray,
} from '@neurite/backend';
import { CpuBufferStore } from './buffer.js';
import { createKernelTable } from './kernel-table.js';

const ARRAY_NAMES: Readonly<Record<DType, string>> = { float32: 'Float32Array', int32: 'Int32Array', bool: 'Uint8Array' };

/**
 * The reference backend: every kernel runs to completion on the calling thread over typed arrays,
 * so a data error (an index out of range) is thrown from the op that met it. Other backends are
 * tested against it.
 */
export class CpuBackend implements Backend {
  readonly name: string = 'cpu';
  readonly capabilities: BackendCapabilities = { synchronousRead: true };
  readonly kernelForm = 'cpu';
  readonly kernels: KernelTable;

  readonly #store = new CpuBufferStore(this.name);
  readonly #extensions = new ExtensionKernelRegistry(this.name, 'cpu', (name, kernel) => this.#compile(name, kernel));

  constructor() {
    this.kernels = createKernelTable(this.#store);
  }

  initialize(): Promise<void> {
    return Promise.resolve();
  }

  upload(values: TypedArray, dtype: DType): DataId {
    if (!ArrayBuffer.isView(values) || !matchesDType(values, dtype)) {
      const given = ArrayBuffer.isView(values) ? values.constructor.name : typeof values;
      throw new Error(`upload: ${dtype} values must be a ${ARRAY_NAMES[dtype]}, got ${given}`);
    }
    const copy = allocateTypedArray(dtype, values.length);
    if (dtype === 'bool') {
      // Kernels rely on bools being exactly 0 or 1.
      for (let index = 0; index < values.length; index++) copy[index] = values[index] !== 0 ? 1 : 0;
    } else {
      copy.set(values);
    }
    return this.#store.adopt(copy);
  }

  fill(size: number, value: number, dtype: DType): DataId {
    const values = allocateTypedArray(dtype, size);
    values.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
    return this.#store.adopt(values);
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

  dispose(): void {
    this.#store.dispose();
  }

  /** A plugin's CPU-form kernel, run like the primitives: inputs resolved, a zeroed output given. */
  #compile(name: string, kernel: CpuKernelFunction<never>): ExtensionKernel<never> {
    return (inputs, attributes, output) => {
      const arrays = inputs.map((input) => ({ values: this.#store.valuesOf(input.dataId, name), shape: input.shape, dtype: input.dtype }));
      const values = allocateTypedArray(output.dtype, sizeOf(output.shape));
      kernel(arrays, attributes, { values, shape: output.shape, dtype: output.dtype });
      return this.#store.adopt(values);
    };
  }

  #copyOut(dataId: DataId, dtype: DType, size: number, action: string): TypedArray {
    const values = this.#store.valuesOf(dataId, action);
    if (!matchesDType(values, dtype)) {
      throw new Error(`${action}: the buffer holds ${values.constructor.name} values, not ${dtype}`);
    }
    if (values.length !== size) throw new Error(`${action}: the buffer holds ${values.length} elements, not ${size}`);
    return values.slice();
  }
}

/** A new CPU backend, ready to use (its `initialize()` resolves at once). */
export function createCpuBackend(): CpuBackend {
  return new CpuBackend();
}
