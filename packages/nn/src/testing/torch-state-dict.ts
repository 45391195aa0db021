import { tensor, type Tensor } from '@neurite/tensor';
import { loadSafetensors } from '../serialization/safetensors.js';
import type { Module } from '../module.js';

/** One entry of __fixtures__/torch-state-dicts.json (tools/fixtures/generate_plugin_state_dicts.py). */
export interface StateDictFixture {
  readonly name: string;
  readonly construct: { readonly type: string; readonly args?: readonly unknown[] };
  /** A PyTorch state dict as a safetensors file, base64-encoded. */
  readonly safetensors: string;
  readonly inputs: readonly { readonly shape: number[]; readonly values: number[] }[];
  readonly outputs: readonly { readonly shape: number[]; readonly values: number[] }[];
}

/** Loads the PyTorch state dict into `module` through the safetensors reader, strictly. */
export function loadTorchStateDict(module: Module<never[], unknown>, fixture: StateDictFixture): void {
  const bytes = Uint8Array.from(atob(fixture.safetensors), (c) => c.charCodeAt(0));
  const tensors = loadSafetensors(bytes);
  module.loadStateDict(tensors, { strict: true });
  for (const t of Object.values(tensors)) t.dispose();
}

export const fixtureInputs = (fixture: StateDictFixture): Tensor[] => fixture.inputs.map((x) => tensor(x.values, x.shape));

/** A layer's result ([output, [h, c]], [output, weights], …) as a flat list of tensors, as the fixture lists them. */
export function flattenOutputs(result: unknown): Tensor[] {
  if (Array.isArray(result)) return result.flatMap(flattenOutputs);
  return result === null || result === undefined ? [] : [result as Tensor];
}
