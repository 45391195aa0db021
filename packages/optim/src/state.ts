import { Tensor } from '@neurite/tensor';
import type { OptimizerStateDict, ParamState, SerializedParamGroup } from './optimizer.js';

/** An optimizer state dict in the form a safetensors file holds: named tensors plus a string. */
export interface OptimizerTensors {
  /** The state tensors, under `${prefix}state.${paramIndex}.${name}` (e.g. `state.0.exp_avg`). */
  tensors: Record<string, Tensor>;
  /** Everything else as JSON: the numbers in the state (step counts) and the parameter groups. */
  metadata: string;
}

export interface OptimizerTensorsOptions {
  /** Put before every tensor name, so the state can share a file with the model's weights (`'optimizer.'`). */
  prefix?: string;
}

const FORMAT = 'neurite.optimizer';
const VERSION = 1;

interface Metadata {
  format: typeof FORMAT;
  version: number;
  state: Record<string, Record<string, number>>;
  paramGroups: SerializedParamGroup[];
}

/**
 * Splits a state dict for a safetensors checkpoint: tensors by name, and a JSON string to store
 * in the file's metadata. The tensors are the dict's own handles, not copies.
 */
export function optimizerStateToTensors(dict: OptimizerStateDict, options: OptimizerTensorsOptions = {}): OptimizerTensors {
  const { prefix = '' } = options;
  const tensors: Record<string, Tensor> = {};
  const numbers: Metadata['state'] = {};
  for (const [index, entry] of Object.entries(dict.state)) {
    for (const [name, value] of Object.entries(entry)) {
      if (value instanceof Tensor) {
        tensors[`${prefix}state.${index}.${name}`] = value;
      } else {
        // JSON would silently turn NaN or Infinity into null.
        if (!Number.isFinite(value)) throw new Error(`optimizerStateToTensors: state.${index}.${name} is ${value}, which JSON cannot hold`);
        (numbers[index] ??= {})[name] = value;
      }
    }
  }
  const metadata: Metadata = { format: FORMAT, version: VERSION, state: numbers, paramGroups: dict.paramGroups };
  return { tensors, metadata: JSON.stringify(metadata) };
}

/**
 * Rebuilds a state dict from `optimizerStateToTensors`' output, e.g. as read back from a safetensors
 * file. Tensors whose names do not start with `${prefix}state.` are ignored (they may be the model's).
 */
export function optimizerStateFromTensors(tensors: Readonly<Record<string, Tensor>>, metadata: string, options: OptimizerTensorsOptions = {}): OptimizerStateDict {
  const { prefix = '' } = options;
  const parsed = parseMetadata(metadata);
  const state: Record<number, ParamState> = {};
  for (const [index, entry] of Object.entries(parsed.state)) state[Number(index)] = { ...entry };
  const pattern = /^state\.(\d+)\.(.+)$/;
  for (const [name, tensor] of Object.entries(tensors)) {
    if (!name.startsWith(prefix)) continue;
    const match = pattern.exec(name.slice(prefix.length));
    if (match === null) continue;
    if (!(tensor instanceof Tensor)) throw new Error(`optimizerStateFromTensors: '${name}' is not a Tensor`);
    (state[Number(match[1])] ??= {})[match[2]] = tensor;
  }
  return { state, paramGroups: parsed.paramGroups.map((group) => ({ ...group, params: [...group.params] })) };
}

function parseMetadata(metadata: string): Metadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch (error) {
    throw new Error(`optimizerStateFromTensors: the metadata is not JSON (${(error as Error).message})`, { cause: error });
  }
  const candidate = parsed as Partial<Metadata> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.format !== FORMAT) {
    throw new Error(`optimizerStateFromTensors: the metadata is not an optimizer state written by optimizerStateToTensors (no format '${FORMAT}')`);
  }
  if (candidate.version !== VERSION) throw new Error(`optimizerStateFromTensors: metadata version ${candidate.version} is not supported (expected ${VERSION})`);
  const groups = candidate.paramGroups;
  if (!Array.isArray(groups) || !groups.every((group) => group !== null && typeof group === 'object' && Array.isArray(group.params))) {
    throw new Error('optimizerStateFromTensors: the metadata has no valid paramGroups');
  }
  if (candidate.state === null || typeof candidate.state !== 'object') throw new Error('optimizerStateFromTensors: the metadata has no state');
  return candidate as Metadata;
}
