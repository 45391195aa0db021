import { describe, expect, it } from 'vitest';
import { defaultOptions, train } from './train.js';

describe('the LSTM sine forecaster', () => {
  it('beats the last-value baseline at least 5x on held-out windows in 8 epochs', async () => {
    const result = await train({ ...defaultOptions, epochs: 8 });
    expect(result.improvement).toBeGreaterThanOrEqual(5);
    result.model.dispose();
  });

  it('is deterministic for a seed', async () => {
    const short = { ...defaultOptions, epochs: 1, trainSize: 256, testSize: 64, seed: 7 };
    const first = await train(short);
    const second = await train(short);
    expect(second.history).toEqual(first.history);
    expect(second.baselineMse).toBe(first.baselineMse);
    first.model.dispose();
    second.model.dispose();
  });
});
