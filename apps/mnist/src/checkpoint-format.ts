import { dispose, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { optimizerStateFromTensors, optimizerStateToTensors, type Optimizer, type SchedulerStateDict } from '@neurite/optim';
import type { ModelName } from './options.js';

// The checkpoint as bytes, with no file system: the CLI writes these bytes to disk, the web page
// offers them as a download and reads them back from a file the user picks. One format for both,
// so a checkpoint of either loads in the other.

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

export const CHECKPOINT_FORMAT = 'neurite-mnist-checkpoint/1';

/** Model weights (`model.*`), optimizer state (`optimizer.*`) and progress as one safetensors file. */
export async function encodeCheckpoint(model: nn.Module, optimizer: Optimizer, progress: TrainingProgress): Promise<Uint8Array> {
  // The optimizer's state dict is made of new handles (the model's is its own tensors): ours to free.
  const { tensors: optimizerTensors, metadata: optimizerMetadata } = optimizerStateToTensors(optimizer.stateDict());
  const tensors: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(model.stateDict())) tensors[`model.${key}`] = value;
  for (const [key, value] of Object.entries(optimizerTensors)) tensors[`optimizer.${key}`] = value;
  try {
    return await nn.saveSafetensors(tensors, { format: CHECKPOINT_FORMAT, progress: JSON.stringify(progress), optimizer: optimizerMetadata });
  } finally {
    dispose(Object.values(optimizerTensors));
  }
}

export interface LoadedCheckpoint {
  readonly progress: TrainingProgress;
  /** Restores the weights and the optimizer state into freshly built objects, then frees the file's tensors. */
  restore(model: nn.Module, optimizer?: Optimizer): void;
  /** Frees the file's tensors without restoring them. */
  discard(): void;
}

const MODELS: readonly ModelName[] = ['mlp', 'cnn'];

/**
 * Reads a checkpoint from its bytes. `source` names it in errors (a path, a file name). Anything
 * that is not one of ours says what it is instead: not safetensors at all, or safetensors without
 * our format tag (weights saved by some other program).
 */
export function decodeCheckpoint(bytes: Uint8Array, source: string): LoadedCheckpoint {
  let file: ReturnType<typeof nn.readSafetensors>;
  try {
    file = nn.readSafetensors(bytes);
  } catch (error) {
    throw new Error(`'${source}' is not a safetensors file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const { tensors, metadata } = file;
  const freeAll = () => dispose(Object.values(tensors));
  const progress = metadata.format === CHECKPOINT_FORMAT && metadata.progress ? parseProgress(metadata.progress) : null;
  if (!progress) {
    freeAll();
    throw new Error(`'${source}' is a safetensors file but not a Neurite MNIST checkpoint (its metadata has no format '${CHECKPOINT_FORMAT}'); make one with \`npm run mnist\` or the web page's Save button`);
  }
  const pick = (prefix: string) =>
    Object.fromEntries(Object.entries(tensors).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
  return {
    progress,
    restore(model, optimizer) {
      try {
        model.loadStateDict(pick('model.'), { strict: true });
        optimizer?.loadStateDict(optimizerStateFromTensors(pick('optimizer.'), metadata.optimizer ?? '{}'));
      } finally {
        freeAll();
      }
    },
    discard: freeAll,
  };
}

function parseProgress(text: string): TrainingProgress | null {
  try {
    const progress = JSON.parse(text) as TrainingProgress;
    return MODELS.includes(progress.model) && Array.isArray(progress.history) ? progress : null;
  } catch {
    return null;
  }
}
