import { describe, expect, it } from 'vitest';
import { arange, tidy } from '@neurite/tensor';
import { unstackTimeSteps } from './time-steps.js';

describe('unstackTimeSteps', () => {
  it('gives each step in order, for any number of steps, with gradients back to the sequence', () => {
    for (const steps of [1, 2, 5, 8, 13]) {
      const sequence = arange(0, steps * 6).float().reshape([steps, 2, 3]);
      sequence.requiresGrad = true;
      const parts = unstackTimeSteps(sequence);
      expect(parts.map((p) => p.shape)).toEqual(Array.from({ length: steps }, () => [2, 3]));
      expect(parts.map((p) => p.arraySync())).toEqual((sequence.arraySync() as number[][][]).slice());
      tidy(() => parts.map((p, i) => p.sum().mul(i)).reduce((a, b) => a.add(b)).backward());
      expect(Array.from(sequence.grad!.dataSync())).toEqual(Array.from({ length: steps * 6 }, (_, i) => Math.floor(i / 6)));
    }
  });
});
