/// <reference types="@webgpu/types" />
import {
  ExtensionKernelRegistry,
  type Backend,
  type BackendCapabilities,
  type DType,
  type DataId,
  type ExtensionKernel,
  type FusedKernelTable,
  type FusedUpdateTable,
  type KernelInput,
  type KernelTable,
  type PluginKernels,
  type TypedArray,
} from '@neurite/backend';
import { createKernelTable } from './kernels/kernel-table.js';
import type { KernelRuntime } from './kernels/kernel-runtime.js';
import { fillBuffer } from './kernels/map-kernels.js';
import { compilePluginKernel } from './kernels/plugin-kernel.js';
import { createFusedKernels } from './kernels/fused-softmax.js';
import { createFusedUpdates } from './kernels/fused-updates.js';
import { gpuOfEnvironment } from './runtime/gpu-access.js';
import { GpuSession, type SessionMemory } from './runtime/gpu-session.js';

export interface WebGpuBackendOptions {
  /** Registry name (default 'webgpu'). */
  readonly name?: string;
  /** Passed to `requestAdapter` (default: the browser's choice). */
  readonly powerPreference?: GPUPowerPreference;
  /** Dispatches recorded before a batch is submitted without a read (default 64). */
  readonly maxBatch?: number;
  /** Bytes of free tensor buffers kept for reuse; beyond it released buffers are destroyed (default 256 MiB). */
  readonly maxPoolBytes?: number;
}

/** What the adapter says about itself, for labels such as the bench's "(software adapter)". */
export interface WebGpuAdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly description: string;
  /** A software rasteriser (SwiftShader, WARP, lavapipe): correct, but no measure of GPU speed. */
  readonly isFallbackAdapter: boolean;
}

/**
 * The WebGPU backend: every primitive as generated WGSL, recorded into batches of dispatches and
 * submitted together; buffers from a pool; reads are the only waits. Its work is queued, so reads
 * are asynchronous only, and a data error (an index out of range) rejects the next read or sync.
 *
 * `initialize()` finds the GPU (navigator.gpu, or the `webgpu` package in Node), and after a device
 * loss it starts a new device: tensors of the lost one are gone and say so when used.
 */
export class WebGpuBackend implements Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities = { synchronousRead: false };
  readonly kernelForm = 'webgpu';
  readonly kernels: KernelTable;
  readonly fusedKernels: FusedKernelTable;
  readonly fusedUpdates: FusedUpdateTable;

  readonly #options: WebGpuBackendOptions;
  readonly #extensions: ExtensionKernelRegistry<'webgpu'>;
  #session: GpuSession | undefined;
  #generation = 0;
  #adapter: WebGpuAdapterDescription | undefined;
  #starting: Promise<void> | undefined;

  constructor(options: WebGpuBackendOptions = {}) {
    this.name = options.name ?? 'webgpu';
    this.#options = options;
    const runtime = this.#runtime();
    this.kernels = inputsCheckedFirst(runtime, createKernelTable(runtime));
    this.fusedKernels = inputsCheckedFirst(runtime, createFusedKernels(runtime));
    this.fusedUpdates = inputsCheckedFirst(runtime, createFusedUpdates(runtime));
    this.#extensions = new ExtensionKernelRegistry(this.name, 'webgpu', (name, source) => checkedKernel(runtime, name, compilePluginKernel(runtime, name, source)));
  }

  /** The adapter in use, once initialised. */
  get adapter(): WebGpuAdapterDescription | undefined {
    return this.#adapter;
  }

  /** The GPUDevice in use (to share it, or to inspect it), once initialised. */
  get device(): GPUDevice | undefined {
    return this.#session?.device;
  }

  /** Compute pipelines compiled so far on the current device (each distinct shader once). */
  get pipelineCount(): number {
    return this.#session?.pipelines.size ?? 0;
  }

  /** Resolves at once when a device is running; otherwise (first use, or after a loss) starts one. */
  initialize(): Promise<void> {
    if (this.#session && !this.#session.lost) return Promise.resolve();
    this.#starting ??= this.#start().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  upload(values: TypedArray, dtype: DType): DataId {
    return this.#current('upload').upload(values, dtype);
  }

  fill(size: number, value: number, dtype: DType): DataId {
    const session = this.#current('fill');
    return (size === 1 ? session.scalar(value, dtype) : undefined) ?? fillBuffer(session, size, value, dtype, 'fill').buffer;
  }

  async read(dataId: DataId, dtype: DType, size: number): Promise<TypedArray> {
    const bytes = await this.#current('read').read(dataId, size);
    if (dtype === 'float32') return new Float32Array(bytes);
    if (dtype === 'int32') return new Int32Array(bytes);
    return Uint8Array.from(new Uint32Array(bytes));
  }

  readSync(): TypedArray {
    throw new Error(`readSync: the '${this.name}' backend runs its work on the GPU and reads only asynchronously; use await tensor.data()`);
  }

  sync(): Promise<void> {
    try {
      return this.#current('sync').sync();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  release(dataId: DataId): void {
    // After dispose() the buffers went with the device; a late release (a finalizer's) has nothing to do.
    this.#session?.release(dataId);
  }

  /** bool is stored as a u32 (WGSL has no byte type in storage). */
  bytesPerElement(): number {
    return 4;
  }

  memory(): SessionMemory {
    return this.#session?.memory() ?? { buffers: 0, bytes: 0, pool: { buffers: 0, bytes: 0 } };
  }

  registerKernel(name: string, kernels: PluginKernels<never>): void {
    this.#extensions.register(name, kernels);
  }

  extensionKernel(name: string): ExtensionKernel<never> | undefined {
    return this.#extensions.get(name);
  }

  dispose(): void {
    this.#session?.destroy();
    this.#session = undefined;
  }

  async #start(): Promise<void> {
    const gpu = await gpuOfEnvironment();
    const adapter = await gpu.requestAdapter(this.#options.powerPreference ? { powerPreference: this.#options.powerPreference } : undefined);
    if (!adapter) {
      throw new Error('webgpu: requestAdapter() found no GPU adapter. In a browser, check that WebGPU is enabled (chrome://gpu); in Node, the `webgpu` package needs a Vulkan, Metal or D3D12 driver (on Linux without a GPU: a software Vulkan driver such as SwiftShader via VK_ICD_FILENAMES)');
    }
    // Ask for the adapter's full limits where they matter: the defaults (128 MiB bindings, 8 storage
    // buffers per shader) are far below most GPUs'.
    const limits = adapter.limits;
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      },
    });
    const info = adapter.info;
    this.#adapter = {
      vendor: info.vendor,
      architecture: info.architecture,
      description: info.description,
      isFallbackAdapter: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
    };
    this.#session?.destroy();
    this.#session = new GpuSession(device, ++this.#generation, {
      backendName: this.name,
      maxBatch: this.#options.maxBatch ?? 64,
      maxPoolBytes: this.#options.maxPoolBytes ?? 256 * 1024 * 1024,
    });
  }

  #current(op: string): GpuSession {
    if (!this.#session) throw new Error(`${op}: the '${this.name}' backend has not been initialised; await setBackend('${this.name}') (or backend.initialize()) first`);
    return this.#session;
  }

  /** The kernels' view of the backend: always the current session, so kernels survive a new device. */
  #runtime(): KernelRuntime {
    const current = (op: string) => this.#current(op);
    return {
      get maxWorkgroupsPerDimension() {
        return current('dispatch').maxWorkgroupsPerDimension;
      },
      get maxStorageBuffers() {
        return current('dispatch').maxStorageBuffers;
      },
      input: (input: KernelInput, op: string) => current(op).input(input, op),
      allocate: (size, dtype, op) => current(op).allocate(size, dtype, op),
      run: (program, bindings, uniform, workgroups) => current(program.label).run(program, bindings, uniform, workgroups),
      errorSlot: (message) => current('dispatch').errorSlot(message),
    };
  }
}

/**
 * A kernel that checks every input (live, of the current device) before it allocates or records
 * anything, so that a refused call leaves nothing behind.
 */
function checkedKernel<A>(runtime: KernelRuntime, op: string, kernel: ExtensionKernel<A>): ExtensionKernel<A> {
  return (inputs, attributes, output) => {
    for (const input of inputs) runtime.input(input, op);
    return kernel(inputs, attributes, output);
  };
}

function inputsCheckedFirst<T extends object>(runtime: KernelRuntime, table: T): T {
  const checked = Object.entries(table).map(([op, kernel]) => [op, checkedKernel(runtime, op, kernel as ExtensionKernel<unknown>)]);
  return Object.fromEntries(checked) as T;
}

/** A new WebGPU backend; `await backend.initialize()` (or `setBackend`) before use. */
export function createWebGpuBackend(options: WebGpuBackendOptions = {}): WebGpuBackend {
  return new WebGpuBackend(options);
}
