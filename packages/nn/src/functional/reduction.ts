import type { Tensor } from '@neurite/tensor';

export type Reduction = 'mean' | 'sum' | 'none';

export function checkReduction(op: string, reduction: string): asserts reduction is Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got '${reduction}'`);
  }
}

export function reduce(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses.clone();
  return reduction === 'sum' ? losses.sum() : losses.mean();
}

export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (input.shape.join() !== target.shape.join()) {
    throw new Error(`${op}: input shape [${input.shape.join(', ')}] and target shape [${target.shape.join(', ')}] must be equal`);
  }
}
