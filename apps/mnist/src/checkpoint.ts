import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { dispose, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { optimizerStateFromTensors, optimizerStateToTensors, type Optimizer, type SchedulerStateDict } from '@neurite/optim';
import type { ModelName } from './options.js';

/** Where training stands: enough to continue exactly as if it had never stopped. */
export interface TrainingProgress {
  readonly model: ModelName;
  readonly seed: number;
  /** The epoch in progress (0-based) and how many of its batches are done. */
  readonly epoch: number;
  readonly batch: number;
  /** The shuffling generator at the start of that epoch: it redraws the same permutation. */
  readonly epochShuffleState: readonly number[];
  /** The default generator (initialisation, dropout) now. */
  readonly defaultGeneratorState: readonly number[];
  /** The learning-rate schedule, as of the start of `epoch`. */
  readonly scheduler: SchedulerStateDict;
  readonly history: readonly { readonly epoch: number; readonly loss: number; readonly accuracy: number }[];
}

const FORMAT = 'neurite-mnist-checkpoint/1';

/**
 * Writes model weights, optimizer state and progress to one safetensors file, atomically: a
 * temporary file in the same folder, then a rename, so a kill at any moment leaves either the old
 * checkpoint or the new one, never half a file.
 */
export async function saveCheckpoint(path: string, model: nn.Module, optimizer: Optimizer, progress: TrainingProgress): Promise<void> {
  // The optimizer's state dict is made of new handles (the model's is its own tensors): ours to free.
  const { tensors: optimizerTensors, metadata: optimizerMetadata } = optimizerStateToTensors(optimizer.stateDict());
  const tensors: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(model.stateDict())) tensors[`model.${key}`] = value;
  for (const [key, value] of Object.entries(optimizerTensors)) tensors[`optimizer.${key}`] = value;
  let bytes: Uint8Array;
  try {
    bytes = await nn.saveSafetensors(tensors, { format: FORMAT, progress: JSON.stringify(progress), optimizer: optimizerMetadata });
  } finally {
    dispose(Object.values(optimizerTensors));
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export interface LoadedCheckpoint {
  readonly progress: TrainingProgress;
  /** Restores the weights and the optimizer state into freshly built objects. */
  restore(model: nn.Module, optimizer?: Optimizer): void;
}

export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`cannot read the checkpoint '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  const { tensors, metadata } = nn.readSafetensors(bytes);
  if (metadata.format !== FORMAT || !metadata.progress) throw new Error(`'${path}' is not a Neurite MNIST checkpoint`);
  const progress = JSON.parse(metadata.progress) as TrainingProgress;
  const pick = (prefix: string) =>
    Object.fromEntries(Object.entries(tensors).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
  return {
    progress,
    restore(model, optimizer) {
      try {
        model.loadStateDict(pick('model.'), { strict: true });
        optimizer?.loadStateDict(optimizerStateFromTensors(pick('optimizer.'), metadata.optimizer ?? '{}'));
      } finally {
        for (const tensor of Object.values(tensors)) tensor.dispose();
      }
    },
  };
}
