import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualSeed, memory, noGrad, randn, tidy } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { GRU, LSTM, RNN } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'training behaviour', () => {
  it('runs repeated forward/backward passes at flat memory', () => {
    manualSeed(0);
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true, dropout: 0.2 });
    const x = randn([6, 2, 3]);
    const step = () =>
      tidy(() => {
        const [output, [h, c]] = lstm.forward(x, null, { lengths: [6, 3] });
        output.mean().add(h.sum()).add(c.sum()).backward();
        lstm.zeroGrad();
      });
    step();
    const before = memory();
    for (let i = 0; i < 5; i++) step();
    expect(memory()).toEqual(before);
    lstm.dispose();
    x.dispose();
  });

  it('frees every step of an inference pass (noGrad), keeping only the results', () => {
    manualSeed(2);
    const gru = new GRU(3, 4, { numLayers: 2, bidirectional: true });
    const x = randn([8, 2, 3]);
    const before = memory().tensors;
    const [output, h] = noGrad(() => gru.forward(x, null, { lengths: [8, 5] }));
    expect(memory().tensors).toBe(before + 2);
    output.dispose();
    h.dispose();
    expect(memory().tensors).toBe(before);
    gru.dispose();
    x.dispose();
  });

  it('applies dropout between layers only in training mode, never after the last layer', async () => {
    manualSeed(1);
    const x = randn([5, 2, 3]);
    const outputOf = (layer: RNN) => layer.forward(x)[0].array();
    const twoLayers = new RNN(3, 4, { numLayers: 2, dropout: 0.5 });
    const first = await outputOf(twoLayers);
    expect(await outputOf(twoLayers)).not.toEqual(first);
    twoLayers.eval();
    expect(await outputOf(twoLayers)).toEqual(await outputOf(twoLayers));

    // One layer: PyTorch applies no dropout at all (it only warns), so training changes nothing.
    const oneLayer = new RNN(3, 4, { dropout: 0.5 });
    expect(await outputOf(oneLayer)).toEqual(await outputOf(oneLayer));
  });
});
