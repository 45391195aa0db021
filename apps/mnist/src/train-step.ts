import { tidy, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import type { Optimizer } from '@neurite/optim';

/** The seed of the shuffling generator, apart from initialisation so each can be replayed alone. */
export const shuffleSeed = (seed: number): number => seed * 1000 + 1;

export interface StepResult {
  /** The batch's mean cross-entropy, a scalar. The caller disposes it. */
  readonly loss: Tensor;
  /** How many of the batch the model got right before this step's update, when asked for. */
  readonly correct: Tensor | null;
}

/**
 * One optimisation step on a batch: forward, cross-entropy, backward, update. Shared by the CLI and
 * the web page's training worker, so both train the same way. Every intermediate is freed; what
 * is returned is the caller's.
 */
export function trainStep(model: nn.Module & { forward(input: Tensor): Tensor }, optimizer: Optimizer, input: Tensor, target: Tensor, countCorrect = false): StepResult {
  return tidy(() => {
    const logits = model.forward(input);
    const loss = nn.functional.crossEntropy(logits, target);
    const correct = countCorrect ? logits.argmax(1).eq(target).sum() : null;
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    return { loss, correct };
  });
}
