import { Tensor, recordOf } from '../tensor.js';
import type { HandleRecord } from './handle-record.js';
import { memoryTracker, type LeakReport, type MemoryInfo } from './memory-tracker.js';

export type { LeakReport, MemoryInfo, LeakSite } from './memory-tracker.js';

/** Every tensor reachable in a tidy's result: a tensor, or arrays and plain objects of them. */
function collectTensors(value: unknown, found: Set<HandleRecord>, depth = 0): void {
  if (value instanceof Tensor) {
    found.add(recordOf(value));
  } else if (depth < 8 && Array.isArray(value)) {
    for (const item of value) collectTensors(item, found, depth + 1);
  } else if (depth < 8 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collectTensors(item, found, depth + 1);
  }
}

/**
 * Runs `fn` and disposes every tensor it made, except those it returns (alone, or in arrays and
 * plain objects) and those passed to `keep`. Synchronous only: a Promise result is an error, since
 * the scope could not know when the async work ends.
 */
export function tidy<R>(fn: () => R): R {
  memoryTracker.openScope();
  let result: R;
  let survivors = new Set<HandleRecord>();
  try {
    result = fn();
    if (result instanceof Promise) {
      throw new Error('tidy: the function returned a Promise. tidy covers synchronous code only; call tidy inside the async function, around the synchronous part');
    }
    collectTensors(result, survivors);
  } catch (error) {
    survivors = new Set();
    for (const record of memoryTracker.closeScope(survivors)) memoryTracker.release(record);
    throw error;
  }
  for (const record of memoryTracker.closeScope(survivors)) memoryTracker.release(record);
  return result;
}

/** `tidy` under another name, so that the library's own composite ops read apart from user code (it is the same function). */
export const tidyInternal = tidy;

/** Exempts `tensor` from every enclosing `tidy`; it lives until `dispose()`. */
export function keep<T extends Tensor>(tensor: T): T {
  memoryTracker.keep(recordOf(tensor));
  return tensor;
}

/** Disposes a tensor, or every tensor in an array or plain object. Disposing twice is harmless. */
export function dispose(value: Tensor | readonly Tensor[] | Readonly<Record<string, Tensor>>): void {
  const found = new Set<HandleRecord>();
  collectTensors(value, found);
  for (const record of found) if (!record.disposed) memoryTracker.release(record);
}

/** Live tensors, buffers and bytes. */
export function memory(): MemoryInfo {
  return memoryTracker.info();
}

/** Records where each new tensor is made, so `leakReport()` can name the place. Costs a stack trace per tensor. */
export function setLeakTracking(enabled: boolean): void {
  memoryTracker.setCreationSiteTracking(enabled);
}

/** Live tensors made while leak tracking was on, grouped by where they were made. */
export function leakReport(): LeakReport {
  return memoryTracker.leakReport();
}

/**
 * Runs `fn` with leak tracking on and reports the tensors it made that are still alive afterwards,
 * with where each was made. For tests: `expect((await checkLeaks(step)).leaked).toBe(0)`.
 */
export async function checkLeaks(fn: () => unknown): Promise<LeakReport> {
  const before = memoryTracker.trackedRecords();
  memoryTracker.setCreationSiteTracking(true);
  try {
    const result = fn();
    if (result instanceof Promise) await result;
  } finally {
    memoryTracker.setCreationSiteTracking(false);
  }
  return memoryTracker.leakReport(before);
}
