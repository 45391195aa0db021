import { describe, expect, it } from 'vitest';
import { memory } from '@neurite/tensor';
import { DEFAULT_OPTIONS, train } from './train.js';

describe('the digit-reversing Transformer', () => {
  it('reaches 95% held-out token accuracy on 8-digit sequences in 150 steps', async () => {
    const before = memory().tensors;
    const result = await train({ ...DEFAULT_OPTIONS, steps: 150, logEvery: 1000 });
    expect(result.accuracy.token).toBeGreaterThanOrEqual(0.95);
    expect(result.accuracy.sequence).toBeGreaterThanOrEqual(0.8);
    result.model.dispose();
    // Everything the run made is gone once the model is disposed.
    expect(memory().tensors).toBe(before);
  });

  it('is deterministic: the same seed gives the same loss and metric', async () => {
    const options = { ...DEFAULT_OPTIONS, steps: 15, testSize: 200, logEvery: 1000, seed: 3 };
    const [first, second] = [await train(options), await train(options)];
    expect(second.finalLoss).toBe(first.finalLoss);
    expect(second.accuracy).toEqual(first.accuracy);
    first.model.dispose();
    second.model.dispose();
  });
});
