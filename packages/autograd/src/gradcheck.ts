import type { GradTensor } from './grad-tensor.js';
import { noGrad } from './grad-mode.js';

export interface GradcheckOptions {
  /** Step of the central difference. float32 forward passes want ~1e-3. */
  readonly eps?: number;
  readonly atol?: number;
  readonly rtol?: number;
  /** Random projections of the output to check (each checks one vector-Jacobian product). */
  readonly projections?: number;
  /** Seed of the projection vectors, so a failure reproduces. */
  readonly seed?: number;
}

export interface GradcheckResult {
  readonly ok: boolean;
  /** The worst element: which input, which flat index, the analytical and numerical values. */
  readonly worst: { readonly input: number; readonly index: number; readonly analytical: number; readonly numerical: number; readonly error: number } | null;
}

/** A small deterministic generator for the projection vectors (independent of the user's RNG). */
function projectionValues(size: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = ((state >>> 0) / 4294967296) * 2 - 1;
  }
  return values;
}

/** Σ projection·f(inputs), evaluated in float64 from the float32 output. */
async function projectedValue(
  fn: (...inputs: GradTensor[]) => GradTensor,
  inputs: readonly GradTensor[],
  projection: Float32Array,
): Promise<number> {
  const output = noGrad(() => fn(...inputs));
  const values = await output.data();
  output.dispose();
  let total = 0;
  for (let i = 0; i < values.length; i++) total += projection[i] * values[i];
  return total;
}

/**
 * Compares the gradients autograd computes for `fn` with central finite differences, for every
 * element of every float input. Each check projects the output onto a random vector v and compares
 * autograd's vᵀJ, element by element, with central differences of vᵀf: every input element is
 * perturbed (PyTorch's fast mode would also project the inputs, checking one number per vector).
 * Differences are taken in float64 from float32 forward passes.
 */
export async function gradcheckDetailed<T extends GradTensor>(
  fn: (...inputs: T[]) => T,
  inputs: readonly T[],
  options: GradcheckOptions = {},
): Promise<GradcheckResult> {
  const { eps = 1e-3, atol = 1e-3, rtol = 1e-2, projections = 2, seed = 1234 } = options;
  const call = fn as unknown as (...xs: GradTensor[]) => GradTensor;
  const baseValues = await Promise.all(inputs.map((input) => input.data()));
  let worst: GradcheckResult['worst'] = null;
  let ok = true;

  for (let p = 0; p < projections; p++) {
    const leaves = inputs.map((input) => {
      const leaf = input.detach();
      if (input.dtype === 'float32') leaf.requiresGrad = true;
      return leaf;
    });
    const output = call(...leaves);
    const projection = projectionValues(output.shape.reduce((a, b) => a * b, 1), seed + p);
    const projectionTensor = output.newTensor(projection, output.shape, 'float32');
    const loss = output.mul(projectionTensor).sum();
    loss.backward();
    for (const [inputIndex, leaf] of leaves.entries()) {
      if (leaf.dtype !== 'float32') continue;
      const analytical = leaf.grad ? await leaf.grad.data() : new Float32Array(baseValues[inputIndex].length);
      const values = Float32Array.from(baseValues[inputIndex]);
      for (let index = 0; index < values.length; index++) {
        const original = values[index];
        const shifted = (delta: number) => {
          values[index] = original + delta;
          return inputs.map((input, k) => (k === inputIndex ? input.newTensor(values, input.shape, 'float32') : input));
        };
        const plusInputs = shifted(eps);
        const plus = await projectedValue(call, plusInputs, projection);
        plusInputs[inputIndex].dispose();
        const minusInputs = shifted(-eps);
        const minus = await projectedValue(call, minusInputs, projection);
        minusInputs[inputIndex].dispose();
        values[index] = original;
        const numerical = (plus - minus) / (2 * eps);
        const error = Math.abs(analytical[index] - numerical);
        const allowed = atol + rtol * Math.abs(numerical);
        if (error > allowed) ok = false;
        if (!worst || error - allowed > worst.error - (atol + rtol * Math.abs(worst.numerical))) {
          worst = { input: inputIndex, index, analytical: analytical[index], numerical, error };
        }
      }
    }
    for (const tensor of [loss, output, projectionTensor, ...leaves]) tensor.dispose();
  }
  return { ok, worst };
}

/**
 * Checks autograd's gradients of `fn` at `inputs` against finite differences. Resolves to true, or
 * rejects with an error naming the input, the element and both values.
 */
export async function gradcheck<T extends GradTensor>(
  fn: (...inputs: T[]) => T,
  inputs: readonly T[],
  options: GradcheckOptions = {},
): Promise<true> {
  const result = await gradcheckDetailed(fn, inputs, options);
  if (!result.ok && result.worst) {
    const { input, index, analytical, numerical } = result.worst;
    throw new Error(
      `gradcheck: gradient of input ${input} at flat index ${index} is ${analytical} by autograd but ${numerical} by finite differences`,
    );
  }
  return true;
}
