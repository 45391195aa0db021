import type { Tensor } from '@neurite/tensor';

/**
 * The T steps of `sequence` (`[T, ...rest]`) as T tensors of shape `rest`. A plain split: autograd
 * joins the gradients of the T slices with one concat, so this is linear in T in both passes.
 */
export function unstackTimeSteps(sequence: Tensor): Tensor[] {
  const rest = sequence.shape.slice(1);
  return sequence.split(1, 0).map((step) => {
    const shaped = step.reshape(rest);
    step.dispose();
    return shaped;
  });
}
