import { KernelDataError } from '@neurite/backend';
import type { BufferPool } from './buffer-pool.js';

/**
 * Errors only the data can show (an index out of range in gather or scatterAdd), found on the GPU.
 *
 * Each checking dispatch of a batch gets a slot of two u32 in one storage buffer: a flag and the
 * offending value. The shader claims the flag with an atomicMax, so one thread per dispatch writes
 * its value. The batch clears its slots before its dispatches and copies them out after, and once
 * the copy is mapped the first flagged slot becomes a `KernelDataError` in the op's own words.
 * Reads and syncs wait for these checks, so the next one after a bad index rejects with it.
 */

/** Slots per batch; a batch that fills them is submitted. */
export const DATA_ERROR_SLOTS = 64;
const SLOT_BYTES = 8;

export interface BatchChecks {
  begin(encoder: GPUCommandEncoder): void;
  end(encoder: GPUCommandEncoder): void;
  /** After submission: maps the copied slots and reports what they hold. */
  inspect(serial: number): void;
}

const NO_CHECKS: BatchChecks = { begin: () => undefined, end: () => undefined, inspect: () => undefined };

export class DataErrorSlots {
  readonly buffer: GPUBuffer;
  #messages: ((value: number) => string)[] = [];
  #pending = new Set<Promise<void>>();
  #onError: (error: Error) => void = () => undefined;

  constructor(
    private readonly device: GPUDevice,
    private readonly staging: BufferPool,
  ) {
    this.buffer = device.createBuffer({ size: DATA_ERROR_SLOTS * SLOT_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, label: 'neurite data errors' });
  }

  /** Where a found error goes (the backend's record of the first one). */
  set onError(report: (error: Error) => void) {
    this.#onError = report;
  }

  get full(): boolean {
    return this.#messages.length >= DATA_ERROR_SLOTS;
  }

  /** A slot for one checking dispatch of the batch being recorded; `message` words its error. */
  claim(message: (value: number) => string): number {
    this.#messages.push(message);
    return this.#messages.length - 1;
  }

  /** Resolves once every check submitted so far has been inspected. */
  settled(): Promise<void> {
    return this.#pending.size === 0 ? Promise.resolve() : Promise.all([...this.#pending]).then(() => undefined);
  }

  /** The slots of the batch being recorded, handed to its submission; the next batch starts afresh. */
  takeBatch(): BatchChecks {
    const messages = this.#messages;
    if (messages.length === 0) return NO_CHECKS;
    this.#messages = [];
    const bytes = messages.length * SLOT_BYTES;
    const staging = this.staging.acquire(bytes);
    return {
      begin: (encoder) => encoder.clearBuffer(this.buffer, 0, bytes),
      end: (encoder) => encoder.copyBufferToBuffer(this.buffer, 0, staging, 0, bytes),
      inspect: (serial) => {
        const check = staging.mapAsync(GPUMapMode.READ, 0, bytes).then(
          () => {
            const slots = new Uint32Array(staging.getMappedRange(0, bytes).slice(0));
            staging.unmap();
            this.staging.release(staging, serial);
            for (let slot = 0; slot < messages.length; slot++) {
              if (slots[2 * slot] !== 0) {
                this.#onError(new KernelDataError(messages[slot](slots[2 * slot + 1] | 0)));
                break;
              }
            }
          },
          () => undefined, // the device was lost; that is reported on its own
        );
        this.#pending.add(check);
        void check.then(() => this.#pending.delete(check));
      },
    };
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
