import type { BufferPool } from './buffer-pool.js';
import type { PipelineEntry } from './pipeline-cache.js';
import { DataErrorSlots } from './data-error-slots.js';

/** One buffer bound to a kernel: the whole tensor, which may be shorter than its pooled buffer. */
export interface Binding {
  readonly buffer: GPUBuffer;
  readonly size: number;
}

export interface DispatchCommand {
  readonly entry: PipelineEntry;
  readonly bindings: readonly Binding[];
  readonly uniform?: ArrayBufferView;
  readonly workgroups: readonly [number, number, number];
}

type Command =
  | { readonly kind: 'dispatch'; readonly dispatch: DispatchCommand }
  | { readonly kind: 'copy'; readonly source: GPUBuffer; readonly destination: GPUBuffer; readonly size: number };

/** Where uniforms of one batch may start: WebGPU's minUniformBufferOffsetAlignment is at most 256. */
const UNIFORM_ALIGNMENT = 256;

export interface RecorderOptions {
  /** Dispatches recorded before a batch is submitted without waiting for a read. */
  readonly maxBatch: number;
  /** Called with each failure no caller is on the stack for (a pipeline that did not compile). */
  readonly onError: (error: Error) => void;
  /** Called once batch `serial` has completed on the GPU. */
  readonly onCompleted: (serial: number) => void;
}

/**
 * Records kernel dispatches and copies, and submits them in batches: many dispatches per command
 * buffer, one uniform upload per batch. A batch is submitted when it is full, when someone reads or
 * syncs, and at the end of the current task (a microtask), so the GPU starts while JavaScript goes on.
 *
 * Commands are encoded at submission, not when recorded: by then every pipeline they use has
 * compiled, and a dispatch whose shader failed is left out (its error recorded) instead of
 * invalidating the whole command buffer.
 */
export class CommandRecorder {
  #commands: Command[] = [];
  #dispatches = 0;
  /** The serial of the batch being recorded; submitted batches have smaller serials. */
  #serial = 1;
  #flushScheduled = false;
  /** Submissions run in order; this settles when the last one has been handed to the queue. */
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  readonly errors: DataErrorSlots;

  constructor(
    private readonly device: GPUDevice,
    private readonly uniforms: BufferPool,
    private readonly options: RecorderOptions,
    stagingPool: BufferPool,
  ) {
    this.errors = new DataErrorSlots(device, stagingPool);
  }

  /** The serial of the batch now being recorded: work recorded from here on completes with it. */
  get serial(): number {
    return this.#serial;
  }

  dispatch(command: DispatchCommand): void {
    this.#commands.push({ kind: 'dispatch', dispatch: command });
    this.#dispatches++;
    if (this.#dispatches >= this.options.maxBatch || this.errors.full) this.flush();
    else this.#scheduleFlush();
  }

  copy(source: GPUBuffer, destination: GPUBuffer, size: number): void {
    this.#commands.push({ kind: 'copy', source, destination, size });
    this.#scheduleFlush();
  }

  /**
   * Submits the batch being recorded. Resolves once it is on the GPU's queue (not done: the queue
   * runs it in order before anything submitted later). Returns the batch's serial too.
   */
  flush(): { serial: number; submitted: Promise<void> } {
    const serial = this.#serial++;
    const commands = this.#commands;
    const checks = this.errors.takeBatch();
    this.#commands = [];
    this.#dispatches = 0;
    const entries = commands.flatMap((command) => (command.kind === 'dispatch' ? [command.dispatch.entry] : []));
    const ready = entries.every((entry) => entry.pipeline || entry.error);
    if (ready && this.#waiting === 0) {
      this.#submit(commands, checks, serial);
      return { serial, submitted: this.#tail };
    }
    // Some shader is still compiling: submit after it, and after every earlier batch.
    this.#waiting++;
    this.#tail = this.#tail
      .then(() => Promise.all(entries.map((entry) => entry.ready)))
      .then(() => {
        this.#waiting--;
        this.#submit(commands, checks, serial);
      });
    return { serial, submitted: this.#tail };
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      if (this.#commands.length > 0) this.flush();
    });
  }

  #submit(commands: readonly Command[], checks: ReturnType<DataErrorSlots['takeBatch']>, serial: number): void {
    const encoder = this.device.createCommandEncoder();
    checks.begin(encoder);
    const uniform = this.#uploadUniforms(commands);
    let pass: GPUComputePassEncoder | undefined;
    let uniformOffset = 0;
    for (const command of commands) {
      if (command.kind === 'copy') {
        pass?.end();
        pass = undefined;
        encoder.copyBufferToBuffer(command.source, 0, command.destination, 0, command.size);
        continue;
      }
      const { entry, bindings, workgroups } = command.dispatch;
      const uniformBytes = command.dispatch.uniform?.byteLength ?? 0;
      const offset = uniformOffset;
      uniformOffset += alignUp(uniformBytes, UNIFORM_ALIGNMENT);
      if (!entry.pipeline) {
        this.options.onError(entry.error ?? new Error(`webgpu: the pipeline '${entry.key}' did not compile`));
        continue;
      }
      const resources: GPUBindGroupEntry[] = bindings.map((binding, index) => ({ binding: index, resource: { buffer: binding.buffer, size: binding.size } }));
      if (uniform && uniformBytes > 0) resources.push({ binding: resources.length, resource: { buffer: uniform, offset, size: uniformBytes } });
      const bindGroup = this.device.createBindGroup({ layout: entry.layout, entries: resources });
      pass ??= encoder.beginComputePass();
      pass.setPipeline(entry.pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
    }
    pass?.end();
    checks.end(encoder);
    this.device.queue.submit([encoder.finish()]);
    checks.inspect(serial);
    if (uniform) this.uniforms.release(uniform, serial);
    this.device.queue.onSubmittedWorkDone().then(
      () => this.options.onCompleted(serial),
      () => undefined, // a lost device: nothing is reused after that
    );
  }

  /** One buffer with every uniform of the batch, each at an aligned offset, written once. */
  #uploadUniforms(commands: readonly Command[]): GPUBuffer | undefined {
    let total = 0;
    for (const command of commands) if (command.kind === 'dispatch') total += alignUp(command.dispatch.uniform?.byteLength ?? 0, UNIFORM_ALIGNMENT);
    if (total === 0) return undefined;
    const data = new Uint8Array(total);
    let offset = 0;
    for (const command of commands) {
      if (command.kind !== 'dispatch' || !command.dispatch.uniform) continue;
      const view = command.dispatch.uniform;
      data.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), offset);
      offset += alignUp(view.byteLength, UNIFORM_ALIGNMENT);
    }
    const buffer = this.uniforms.acquire(total);
    this.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }
}

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
