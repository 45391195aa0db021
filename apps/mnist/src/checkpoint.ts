import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type * as nn from '@neurite/nn';
import type { Optimizer } from '@neurite/optim';
import { decodeCheckpoint, encodeCheckpoint, type LoadedCheckpoint, type TrainingProgress } from './checkpoint-format.js';

export type { LoadedCheckpoint, TrainingProgress } from './checkpoint-format.js';

/**
 * Writes model weights, optimizer state and progress to one safetensors file, atomically: a
 * temporary file in the same folder, then a rename, so a kill at any moment leaves either the old
 * checkpoint or the new one, never half a file.
 */
export async function saveCheckpoint(path: string, model: nn.Module, optimizer: Optimizer, progress: TrainingProgress): Promise<void> {
  const bytes = await encodeCheckpoint(model, optimizer, progress);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`cannot read the checkpoint '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return decodeCheckpoint(bytes, path);
}
