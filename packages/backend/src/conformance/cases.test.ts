import { describe, expect, it } from 'vitest';
import { conformanceCases } from './cases.js';
import { KERNEL_PRIMITIVES } from '../primitives.js';

/** The kit's cases themselves must be valid kernel calls, or a backend could pass by accident. */
describe('conformance cases', () => {
  const cases = conformanceCases();

  it('cover every kernel primitive', () => {
    const covered = new Set(cases.map((c) => c.primitive));
    expect(KERNEL_PRIMITIVES.filter((p) => !covered.has(p))).toEqual([]);
  });

  it('have unique names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('give broadcasting ops inputs that broadcast to the output', () => {
    for (const c of cases.filter((x) => ['where', 'expand'].includes(x.primitive) || x.inputs.length === 2 && !['matmul', 'gather', 'concat'].includes(x.primitive))) {
      for (const input of c.inputs) {
        const offset = c.output.shape.length - input.shape.length;
        expect(offset, c.name).toBeGreaterThanOrEqual(0);
        input.shape.forEach((d, i) => expect(d === 1 || d === c.output.shape[i + offset], `${c.name}: input [${input.shape}] vs output [${c.output.shape}]`).toBe(true));
      }
    }
  });

  it('size matmul outputs consistently with the transpose flags', () => {
    for (const c of cases.filter((x) => x.primitive === 'matmul')) {
      const [a, b] = c.inputs.map((x) => x.shape);
      const { transposeA, transposeB } = c.attributes as { transposeA: boolean; transposeB: boolean };
      const m = transposeA ? a[a.length - 1] : a[a.length - 2];
      const k = transposeA ? a[a.length - 2] : a[a.length - 1];
      const kB = transposeB ? b[b.length - 1] : b[b.length - 2];
      const n = transposeB ? b[b.length - 2] : b[b.length - 1];
      expect(k, c.name).toBe(kB);
      expect(c.output.shape.slice(-2), c.name).toEqual([m, n]);
    }
  });
});
