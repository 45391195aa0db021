import { tensor, type Tensor } from '@neurite/tensor';
import { loadSafetensors } from '../serialization/safetensors.js';
import type { Module } from '../module.js';
import { expectClose } from '@neurite/tensor/testing';

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

/**
 * Builds the layer, loads the fixture's PyTorch state dict through safetensors (strictly), runs it
 * in eval mode on the fixture's inputs and compares every output with PyTorch's. Throws on the first
 * difference (any test runner reports it).
 */
export async function checkTorchStateDict(fixture: StateDictFixture, build: (...args: readonly unknown[]) => Module<never[], unknown>, atol = 1e-4, rtol = 1e-4): Promise<void> {
  const layer = build(...(fixture.construct.args ?? []));
  loadTorchStateDict(layer, fixture);
  layer.eval();
  const outputs = flattenOutputs((layer.forward as (...inputs: Tensor[]) => unknown)(...fixtureInputs(fixture)));
  const shapes = (list: readonly { readonly shape: readonly number[] }[]) => JSON.stringify(list.map((o) => o.shape));
  if (shapes(outputs) !== shapes(fixture.outputs)) throw new Error(`${fixture.name}: output shapes ${shapes(outputs)}, PyTorch gives ${shapes(fixture.outputs)}`);
  for (const [i, output] of outputs.entries()) expectClose(await output.data(), fixture.outputs[i].values, `${fixture.name} output ${i}`, atol, rtol);
  layer.dispose();
}
