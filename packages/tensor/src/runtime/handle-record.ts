import type { GradNode } from '@neurite/autograd';
import type { Storage } from './storage.js';

/**
 * What a tensor handle owns, kept apart from the Tensor object so that the FinalizationRegistry can
 * release it after the Tensor itself was garbage-collected.
 */
export interface HandleRecord {
  /** Replaced by `assign()`; otherwise fixed. */
  storage: Storage;
  gradNode: GradNode | null;
  disposed: boolean;
  /** Set by `keep()`: no `tidy` scope disposes this handle. */
  kept: boolean;
  /** Where the handle was made, when leak tracking is on. */
  creationSite?: string;
  /** In the FinalizationRegistry (it outlived the synchronous stretch that made it). */
  finalizable?: boolean;
}
