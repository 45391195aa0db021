import { matchesDType, type DType, type KernelInput, type TypedArray } from '@neurite/backend';
import type { Bindable, KernelRuntime, Program } from '../kernels/kernel-runtime.js';
import { BufferPool, type PoolMemory, type Reuse } from './buffer-pool.js';
import { CommandRecorder } from './command-recorder.js';
import { DATA_ERROR_SLOTS } from './data-error-slots.js';
import { PipelineCache } from './pipeline-cache.js';
import { TensorBuffer } from './tensor-buffer.js';

export interface SessionOptions {
  readonly backendName: string;
  readonly maxBatch: number;
  readonly maxPoolBytes: number;
}

export interface SessionMemory {
  readonly buffers: number;
  readonly bytes: number;
  /** Buffers the backend keeps for reuse: the tensor pool, staging and uniform buffers, cached scalars. */
  readonly pool: PoolMemory;
}

const ARRAY_NAMES: Readonly<Record<DType, string>> = { float32: 'Float32Array', int32: 'Int32Array', bool: 'Uint8Array' };
/** Distinct one-element constants kept on the GPU; a program uses a handful (0, 1, 0.5, eps, lr, …). */
const MAX_CACHED_SCALARS = 1024;

/**
 * Everything that lives as long as one GPUDevice: buffers and their pools, pipelines, the command
 * recorder, and the first error no caller has heard of yet. A lost device ends its session; the
 * backend starts a new one on the next `initialize()`.
 */
export class GpuSession implements KernelRuntime {
  readonly maxWorkgroupsPerDimension: number;
  readonly maxStorageBuffers: number;
  readonly maxBindingBytes: number;
  readonly pipelines: PipelineCache;
  readonly #storage: BufferPool;
  readonly #staging: BufferPool;
  readonly #uniforms: BufferPool;
  readonly #recorder: CommandRecorder;
  readonly #scalars = new Map<string, GPUBuffer>();
  #error: Error | undefined;
  #lost: Error | undefined;
  #buffers = 0;
  #bytes = 0;

  constructor(
    readonly device: GPUDevice,
    readonly generation: number,
    private readonly options: SessionOptions,
  ) {
    this.maxWorkgroupsPerDimension = device.limits.maxComputeWorkgroupsPerDimension;
    this.maxStorageBuffers = device.limits.maxStorageBuffersPerShaderStage;
    this.maxBindingBytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const pool = (usage: GPUBufferUsageFlags, label: string, maxFree: number) => new BufferPool((size) => this.#createBuffer(size, usage, label), maxFree);
    this.#storage = pool(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'neurite tensor', options.maxPoolBytes);
    this.#staging = pool(GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'neurite read', options.maxPoolBytes / 4);
    this.#uniforms = pool(GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'neurite uniforms', 16 * 1024 * 1024);
    this.pipelines = new PipelineCache(device);
    this.#recorder = new CommandRecorder(device, this.#uniforms, {
      maxBatch: options.maxBatch,
      onError: (error) => this.record(error),
      onCompleted: (serial) => {
        this.#storage.completed(serial);
        this.#staging.completed(serial);
        this.#uniforms.completed(serial);
      },
    }, this.#staging);
    this.#recorder.errors.onError = (error) => this.record(error);
    device.addEventListener('uncapturederror', (event) => this.record(new Error(`webgpu: ${(event as GPUUncapturedErrorEvent).error.message}`)));
    void device.lost.then((info) => {
      this.#lost = new Error(
        `webgpu: the GPU device was lost (${info.reason === 'destroyed' ? 'destroyed' : 'reason unknown'}${info.message ? `: ${info.message}` : ''}). ` +
          `Its tensors are gone; await setBackend('${options.backendName}') to start a new device and make them again`,
      );
    });
  }

  /** Set once the device is lost: every later call fails with it. */
  get lost(): Error | undefined {
    return this.#lost;
  }

  /** Keeps the first error that no caller was on the stack for; the next read or sync rejects with it. */
  record(error: Error): void {
    this.#error ??= error;
  }

  input(input: KernelInput, op: string): TensorBuffer {
    const buffer = this.#own(input.dataId, op);
    if (buffer.released) throw new Error(`${op}: the buffer has already been released`);
    return buffer;
  }

  allocate(size: number, dtype: DType, op: string): TensorBuffer {
    return this.#allocate(size, dtype, op, 'any');
  }

  /** A new buffer; `'any'` where only commands recorded from now on write it, `'completed'` for an upload. */
  #allocate(size: number, dtype: DType, op: string, reuse: Reuse): TensorBuffer {
    this.#ensureUsable(op);
    const bytes = size * 4;
    if (bytes > this.maxBindingBytes) {
      throw new Error(
        `${op}: a ${dtype} tensor of ${size} elements takes ${bytes} bytes, and this WebGPU device binds at most ${this.maxBindingBytes} bytes per buffer ` +
          `(maxStorageBufferBindingSize); split the work into smaller tensors`,
      );
    }
    return this.#adopt(new TensorBuffer(this.#storage.acquire(Math.max(bytes, 4), reuse), bytes, this.generation));
  }

  run(program: Program, bindings: readonly Bindable[], uniform: Uint32Array | undefined, workgroups: readonly [number, number, number]): void {
    this.#ensureUsable(program.label);
    const entry = this.pipelines.get(program.key, program.signature, program.source, program.label, program.entryPoint);
    this.#recorder.dispatch({ entry, bindings: bindings.map((binding) => ({ buffer: binding.buffer, size: binding.bindingSize })), uniform, workgroups });
  }

  errorSlot(message: (value: number) => string): { slot: number; binding: Bindable } {
    return { slot: this.#recorder.errors.claim(message), binding: { buffer: this.#recorder.errors.buffer, bindingSize: DATA_ERROR_SLOTS * 8 } };
  }

  upload(values: TypedArray, dtype: DType): TensorBuffer {
    if (!ArrayBuffer.isView(values) || !matchesDType(values, dtype)) {
      const given = ArrayBuffer.isView(values) ? values.constructor.name : typeof values;
      throw new Error(`upload: ${dtype} values must be a ${ARRAY_NAMES[dtype]}, got ${given}`);
    }
    // writeBuffer runs ahead of recorded commands: only a buffer no command may still read will do.
    const buffer = this.#allocate(values.length, dtype, 'upload', 'completed');
    if (values.length > 0) {
      // bool is stored as u32, every non-zero byte as 1.
      const words = dtype === 'bool' ? Uint32Array.from(values, (value) => (value !== 0 ? 1 : 0)) : values;
      this.device.queue.writeBuffer(buffer.buffer, 0, words.buffer, words.byteOffset, words.byteLength);
    }
    return buffer;
  }

  /** A one-element constant: shared from a cache, so `x.mul(0.5)` costs no upload after the first. */
  scalar(value: number, dtype: DType): TensorBuffer | undefined {
    this.#ensureUsable('fill');
    const words = new Uint32Array(1);
    if (dtype === 'float32') new Float32Array(words.buffer)[0] = value;
    else words[0] = dtype === 'bool' ? (value !== 0 ? 1 : 0) : value | 0;
    const key = `${dtype}:${words[0]}`;
    let buffer = this.#scalars.get(key);
    if (!buffer) {
      if (this.#scalars.size >= MAX_CACHED_SCALARS) return undefined;
      buffer = this.#createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'neurite scalar');
      this.device.queue.writeBuffer(buffer, 0, words);
      this.#scalars.set(key, buffer);
    }
    return this.#adopt(new TensorBuffer(buffer, 4, this.generation, true));
  }

  async read(dataId: object, size: number): Promise<ArrayBuffer> {
    const source = this.#own(dataId, 'read');
    if (source.released) throw new Error('read: the buffer has already been released');
    this.#ensureUsable('read');
    const bytes = size * 4;
    const staging = bytes > 0 ? this.#staging.acquire(bytes) : undefined;
    if (staging) this.#recorder.copy(source.buffer, staging, bytes);
    const { serial, submitted } = this.#recorder.flush();
    await submitted;
    let data = new ArrayBuffer(0);
    if (staging) {
      try {
        await staging.mapAsync(GPUMapMode.READ, 0, bytes);
      } catch (error) {
        throw this.#lost ?? error;
      }
      data = staging.getMappedRange(0, bytes).slice(0);
      staging.unmap();
      this.#staging.release(staging, serial);
    } else {
      await this.#workDone();
    }
    await this.#recorder.errors.settled();
    this.#throwRecorded();
    return data;
  }

  async sync(): Promise<void> {
    this.#ensureUsable('sync');
    await this.#recorder.flush().submitted;
    await this.#workDone();
    await this.#recorder.errors.settled();
    this.#throwRecorded();
  }

  release(dataId: object): void {
    const buffer = this.#own(dataId, 'release', false);
    if (buffer.released) throw new Error('release: the buffer has already been released (released twice)');
    buffer.released = true;
    // A tensor of a lost device: its memory went with the device, and this session never counted it.
    if (buffer.generation !== this.generation) return;
    this.#buffers--;
    this.#bytes -= buffer.bytes;
    // Work recorded before now may still read it: reuse waits for the batch being recorded.
    if (!buffer.shared && !this.#lost) this.#storage.release(buffer.buffer, this.#recorder.serial);
  }

  memory(): SessionMemory {
    const pools = [this.#storage.memory(), this.#staging.memory(), this.#uniforms.memory()];
    return {
      buffers: this.#buffers,
      bytes: this.#bytes,
      pool: {
        buffers: pools.reduce((total, pool) => total + pool.buffers, this.#scalars.size),
        bytes: pools.reduce((total, pool) => total + pool.bytes, 16 * this.#scalars.size),
      },
    };
  }

  destroy(): void {
    this.#storage.destroy();
    this.#staging.destroy();
    this.#uniforms.destroy();
    this.#recorder.errors.destroy();
    for (const buffer of this.#scalars.values()) buffer.destroy();
    this.#scalars.clear();
    this.device.destroy();
  }

  #adopt(buffer: TensorBuffer): TensorBuffer {
    this.#buffers++;
    this.#bytes += buffer.bytes;
    return buffer;
  }

  #own(dataId: object, op: string, checkDevice = true): TensorBuffer {
    if (!(dataId instanceof TensorBuffer)) throw new Error(`${op}: the data id is not a buffer of backend '${this.options.backendName}'`);
    if (checkDevice && dataId.generation !== this.generation) {
      throw new Error(`${op}: this tensor lived on a WebGPU device that was lost; make it again after setBackend('${this.options.backendName}')`);
    }
    return dataId;
  }

  #ensureUsable(op: string): void {
    if (this.#lost) throw new Error(`${op}: ${this.#lost.message}`);
  }

  #throwRecorded(): void {
    const error = this.#error;
    this.#error = undefined;
    if (error) throw error;
    if (this.#lost) throw this.#lost;
  }

  /** Resolves when the queue is idle, or with the loss message when the device goes away first. */
  #workDone(): Promise<void> {
    return Promise.race([this.device.queue.onSubmittedWorkDone(), this.device.lost.then(() => undefined)]);
  }

  #createBuffer(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    this.device.pushErrorScope('out-of-memory');
    const buffer = this.device.createBuffer({ size, usage, label });
    void this.device.popErrorScope().then((error) => {
      if (error) this.record(new Error(`webgpu: out of GPU memory making a buffer of ${size} bytes (${error.message}); free tensors (dispose, tidy) or use smaller batches`));
    });
    return buffer;
  }
}
