import type { Backend, DataId, DType } from '@neurite/backend';

/**
 * One backend buffer shared by every tensor handle that views it. Tensors are immutable, so
 * handles can share storage freely (reshape, detach, clone and saved tensors all do); the buffer is
 * released when the last handle lets go.
 */
export class Storage {
  #references = 0;
  readonly bytes: number;

  constructor(
    readonly backend: Backend,
    readonly dataId: DataId,
    readonly size: number,
    readonly dtype: DType,
  ) {
    // What the backend really holds: a bool is 1 byte on the CPU and 4 on WebGPU.
    this.bytes = size * backend.bytesPerElement(dtype);
  }

  retain(): void {
    this.#references++;
  }

  /** Returns true when this was the last reference and the buffer was released. */
  release(): boolean {
    if (this.#references <= 0) throw new Error('Storage: released more often than retained');
    if (--this.#references > 0) return false;
    this.backend.release(this.dataId);
    return true;
  }
}
