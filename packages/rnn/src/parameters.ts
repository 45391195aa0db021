import { zeros } from '@neurite/tensor';
import { Parameter, init } from '@neurite/nn';

/** PyTorch's default for every recurrent weight and bias: U(−1/√hidden, 1/√hidden). */
export function recurrentParameter(shape: readonly number[], hiddenSize: number): Parameter {
  const bound = 1 / Math.sqrt(hiddenSize);
  const parameter = new Parameter(zeros([...shape]));
  init.uniform_(parameter, -bound, bound);
  return parameter;
}

/** The four tensors of one cell, or of one layer and direction of a recurrent layer. */
export interface CellWeights {
  readonly weightIh: Parameter;
  readonly weightHh: Parameter;
  readonly biasIh: Parameter | null;
  readonly biasHh: Parameter | null;
}

/** `[gates*H, in]` and `[gates*H, H]` weights and `[gates*H]` biases, PyTorch's layouts. */
export function createCellWeights(inputSize: number, hiddenSize: number, gates: number, bias: boolean): CellWeights {
  const rows = gates * hiddenSize;
  return {
    weightIh: recurrentParameter([rows, inputSize], hiddenSize),
    weightHh: recurrentParameter([rows, hiddenSize], hiddenSize),
    biasIh: bias ? recurrentParameter([rows], hiddenSize) : null,
    biasHh: bias ? recurrentParameter([rows], hiddenSize) : null,
  };
}

export function checkPositiveInteger(layer: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${layer}: ${name} must be a positive integer, got ${value}`);
}
