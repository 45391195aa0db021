import {
  ExtensionKernelRegistry,
  allocateTypedArray,
  matchesDType,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type DType,
  type DataId,
  type ExtensionKernel,
  type KernelTable,
  type TypedArray,
} from '@neurite/backend';
import { CpuBufferStore } from './buffer.js';
import { createKernelTable } from './kernel-table.js';

/**
 * The reference backend: every kernel runs to completion on the calling thread over typed arrays.
 * Other backends are tested against it.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly capabilities: BackendCapabilities = { synchronousRead: true, sharedMemory: false, queued: false };
  readonly kernels: KernelTable;

  readonly #store = new CpuBufferStore(this.name);
  readonly #extensions = new ExtensionKernelRegistry(this.name);

  constructor() {
    this.kernels = createKernelTable(this.#store);
  }

  initialize(): Promise<void> {
    return Promise.resolve();
  }

  upload(values: TypedArray, dtype: DType): DataId {
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

  release(dataId: DataId): void {
    this.#store.release(dataId);
  }

  memory(): BackendMemory {
    return this.#store.memory();
  }

  registerKernel(name: string, kernel: ExtensionKernel<never>): void {
    this.#extensions.register(name, kernel);
  }

  extensionKernel(name: string): ExtensionKernel<never> | undefined {
    return this.#extensions.get(name);
  }

  /**
   * The live typed array behind a buffer, without copying: for plugin kernels written for this
   * backend. Treat it as read-only unless the buffer is one the plugin just created.
   */
  valuesOf(dataId: DataId): TypedArray {
    return this.#store.valuesOf(dataId, 'valuesOf');
  }

  /** Makes a buffer of `values` without copying them: for plugin kernels returning their output. */
  adopt(values: TypedArray): DataId {
    return this.#store.adopt(values);
  }

  dispose(): void {
    this.#store.dispose();
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
