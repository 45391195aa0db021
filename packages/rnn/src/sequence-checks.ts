import { Tensor } from '@neurite/tensor';

/** Per-sequence lengths: plain integers, or an int32 tensor (read on the device, never back). */
export type SequenceLengths = readonly number[] | Int32Array | Tensor;

const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** How a layer's input is laid out, after checking it. */
export interface SequenceLayout {
  /** False for PyTorch's unbatched 2-D input `[T, inputSize]`. */
  readonly batched: boolean;
  readonly steps: number;
  readonly batch: number;
}

/** Checks a recurrent layer's input: `[T, N, in]`, `[N, T, in]` (batchFirst) or unbatched `[T, in]`. */
export function checkSequenceInput(layer: string, input: Tensor, inputSize: number, batchFirst: boolean): SequenceLayout {
  if (!(input instanceof Tensor)) throw new Error(`${layer}: the input must be a Tensor`);
  const expected = batchFirst ? `[N, T, ${inputSize}]` : `[T, N, ${inputSize}]`;
  if (input.rank !== 2 && input.rank !== 3) {
    throw new Error(`${layer}: expected an input of rank 3 (${expected}) or 2 (unbatched [T, ${inputSize}]), got shape ${formatShape(input.shape)}`);
  }
  if (input.shape[input.rank - 1] !== inputSize) {
    throw new Error(`${layer}: the input has ${input.shape[input.rank - 1]} features (shape ${formatShape(input.shape)}), but inputSize is ${inputSize} (expected ${input.rank === 3 ? expected : `[T, ${inputSize}]`})`);
  }
  if (input.dtype !== 'float32') throw new Error(`${layer}: the input must be float32, got '${input.dtype}'`);
  const batched = input.rank === 3;
  const steps = batched && batchFirst ? input.shape[1] : input.shape[0];
  const batch = !batched ? 1 : batchFirst ? input.shape[0] : input.shape[1];
  if (steps === 0) throw new Error(`${layer}: the input has no time steps (shape ${formatShape(input.shape)})`);
  return { batched, steps, batch };
}

/** Checks a cell's input: `[N, in]` or unbatched `[in]`. */
export function checkCellInput(layer: string, input: Tensor, inputSize: number): void {
  if (!(input instanceof Tensor)) throw new Error(`${layer}: the input must be a Tensor`);
  if ((input.rank !== 1 && input.rank !== 2) || input.shape[input.rank - 1] !== inputSize) {
    throw new Error(`${layer}: expected an input of shape [N, ${inputSize}] or [${inputSize}], got ${formatShape(input.shape)}`);
  }
  if (input.dtype !== 'float32') throw new Error(`${layer}: the input must be float32, got '${input.dtype}'`);
}

/** Checks one part of an initial state (`h0`, `c0`) against the shape the layer needs. */
export function checkStateShape(layer: string, name: string, state: Tensor, expected: readonly number[]): void {
  if (!(state instanceof Tensor)) throw new Error(`${layer}: the initial state ${name} must be a Tensor`);
  if (state.shape.join() !== expected.join()) {
    throw new Error(`${layer}: expected the initial state ${name} of shape ${formatShape(expected)}, got ${formatShape(state.shape)}`);
  }
}

/**
 * The lengths as an int32 column `[N, 1]`, to compare with a step index into a `[N, 1]` mask. Plain
 * numbers are checked here; a tensor's values stay on the device, so only its shape is checked.
 */
export function lengthsColumn(layer: string, lengths: SequenceLengths, layout: SequenceLayout, like: Tensor): Tensor {
  const { batch, steps } = layout;
  if (lengths instanceof Tensor) {
    if (lengths.dtype !== 'int32' || lengths.rank !== 1 || lengths.shape[0] !== batch) {
      throw new Error(`${layer}: lengths must be an int32 tensor of shape [${batch}] (one per sequence), got ${lengths.dtype} ${formatShape(lengths.shape)}`);
    }
    return lengths.reshape([batch, 1]);
  }
  const values = Array.from(lengths);
  if (values.length !== batch) throw new Error(`${layer}: got ${values.length} lengths for a batch of ${batch} sequences`);
  const bad = values.findIndex((length) => !Number.isInteger(length) || length < 1 || length > steps);
  if (bad >= 0) throw new Error(`${layer}: lengths[${bad}] is ${values[bad]}; each length must be an integer from 1 to the ${steps} time steps of the input`);
  return like.newTensor(Int32Array.from(values), [batch, 1], 'int32');
}
