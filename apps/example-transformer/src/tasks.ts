import { tensor, type Generator, type Tensor } from '@neurite/tensor';

/** What the model learns to do with a sequence of digits. */
export type Task = 'reverse' | 'sort';
export const TASKS: readonly Task[] = ['reverse', 'sort'];

/** Tokens are the digits 0-9. */
export const VOCABULARY = 10;

export interface Batch {
  /** `[N, L]` int32 digits. */
  readonly input: Tensor;
  /** `[N, L]` int32: the answer, one digit per position. */
  readonly target: Tensor;
}

/**
 * `count` random sequences of `length` digits and their answers. Drawn in JavaScript from `generator`
 * (sorting has no tensor op, and the batch is tiny), then uploaded as two tensors.
 */
export function makeBatch(task: Task, count: number, length: number, generator: Generator): Batch {
  const input = new Int32Array(count * length);
  const target = new Int32Array(count * length);
  for (let row = 0; row < count; row++) {
    const digits = Array.from({ length }, () => generator.nextInt(0, VOCABULARY));
    const answer = task === 'reverse' ? [...digits].reverse() : [...digits].sort((a, b) => a - b);
    input.set(digits, row * length);
    target.set(answer, row * length);
  }
  return { input: tensor(input, [count, length], 'int32'), target: tensor(target, [count, length], 'int32') };
}
