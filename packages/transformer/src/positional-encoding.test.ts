import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, randn, zeros } from '@neurite/tensor';
import fixtures from './__fixtures__/transformer.json';
import { describeEachBackend, expectTensorClose, type TensorFixture } from '@neurite/tensor/testing';
import { PositionalEncoding } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'PositionalEncoding', () => {
  for (const { dModel, maxLen, pe } of fixtures.positionalEncoding as unknown as { dModel: number; maxLen: number; pe: TensorFixture }[]) {
    it(`matches the sinusoids of PyTorch's tutorial (dModel ${dModel}, maxLen ${maxLen})`, async () => {
      const encoding = new PositionalEncoding(dModel, { maxLen, dropout: 0 });
      await expectTensorClose(encoding.pe, pe, 'pe');
      // Added along the sequence axis, the same for every batch item.
      const x = zeros([maxLen, 2, dModel]);
      const out = encoding.forward(x);
      const rows = out.narrow(1, 1, 1).squeeze(1);
      await expectTensorClose(rows, pe, 'forward of zeros');
      dispose([x, out, rows]);
      encoding.dispose();
    });
  }

  it('takes batch-first input and shorter sequences, and keeps pe out of the state dict', async () => {
    const encoding = new PositionalEncoding(4, { maxLen: 10, batchFirst: true }).eval();
    const x = randn([3, 6, 4]);
    const out = encoding.forward(x);
    const expected = x.add(encoding.pe.narrow(0, 0, 6));
    expect(await out.array()).toEqual(await expected.array());
    expect(encoding.stateDict()).toEqual({});
    expect(encoding.namedBuffers().map(([name]) => name)).toEqual(['pe']);
    dispose([x, out, expected]);
    encoding.dispose();
  });

  it('says when the input does not fit', () => {
    const encoding = new PositionalEncoding(4, { maxLen: 5 });
    expect(() => encoding.forward(zeros([6, 1, 4]))).toThrow('PositionalEncoding: the sequence has 6 positions, more than maxLen = 5');
    expect(() => encoding.forward(zeros([3, 1, 5]))).toThrow('PositionalEncoding: expected input [L, N, dModel] with dModel = 4, got [3, 1, 5]');
    expect(() => new PositionalEncoding(0)).toThrow('PositionalEncoding: dModel must be a positive integer, got 0');
    encoding.dispose();
  });
});
