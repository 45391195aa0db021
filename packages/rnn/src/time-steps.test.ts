import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arange, tidy } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { unstackTimeSteps } from './time-steps.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'unstackTimeSteps', () => {
  it('gives each step in order, for any number of steps, with gradients back to the sequence', async () => {
    for (const steps of [1, 2, 5, 8, 13]) {
      const sequence = arange(0, steps * 6).float().reshape([steps, 2, 3]);
      sequence.requiresGrad = true;
      const parts = unstackTimeSteps(sequence);
      expect(parts.map((p) => p.shape)).toEqual(Array.from({ length: steps }, () => [2, 3]));
      expect(await Promise.all(parts.map((p) => p.array()))).toEqual(await sequence.array());
      tidy(() => parts.map((p, i) => p.sum().mul(i)).reduce((a, b) => a.add(b)).backward());
      expect(Array.from(await sequence.grad!.data())).toEqual(Array.from({ length: steps * 6 }, (_, i) => Math.floor(i / 6)));
    }
  });
});
