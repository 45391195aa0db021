import type { Tensor } from '@neurite/tensor';

/**
 * The T steps of `sequence` (`[T, ...rest]`) as T tensors of shape `rest`.
 *
 * Not `split(1)`: the gradient of a slice is its gradient padded back to the whole input, so T
 * slices of one tensor cost T full-size pads and adds in the backward pass (quadratic in T).
 * Halving recursively pads each gradient only to its parent's size: O(T log T) in both passes.
 * The recursion is log₂ T deep.
 */
export function unstackTimeSteps(sequence: Tensor): Tensor[] {
  const steps: Tensor[] = [];
  const rest = sequence.shape.slice(1);
  const halve = (part: Tensor): void => {
    const length = part.shape[0];
    if (length === 1) {
      steps.push(part.reshape(rest));
      return;
    }
    const half = Math.ceil(length / 2);
    const [first, second] = part.split([half, length - half], 0);
    halve(first);
    halve(second);
  };
  halve(sequence);
  return steps;
}
