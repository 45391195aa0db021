import { tidy, noGrad } from '@neurite/tensor';
import type { DigitTransformer } from './model.js';
import type { Batch } from './tasks.js';

export interface Accuracy {
  /** Share of positions predicted right. */
  readonly token: number;
  /** Share of sequences predicted right at every position. */
  readonly sequence: number;
}

/** Accuracy on held-out sequences, in eval mode, without building a graph. */
export async function evaluate(model: DigitTransformer, data: Batch): Promise<Accuracy> {
  const wasTraining = model.training;
  model.eval();
  const correct = noGrad(() => tidy(() => model.forward(data.input).argmax(-1).eq(data.target)));
  model.train(wasTraining);
  const [count, length] = correct.shape;
  const values = await correct.data();
  correct.dispose();
  let tokens = 0;
  let sequences = 0;
  for (let row = 0; row < count; row++) {
    let right = 0;
    for (let i = 0; i < length; i++) right += values[row * length + i];
    tokens += right;
    if (right === length) sequences++;
  }
  return { token: tokens / (count * length), sequence: sequences / count };
}
