import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from './testing/backends.js';
import { Tensor, tensor, ones, zeros, tidy, noGrad, checkLeaks } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'Tensor handles', () => {
  it('new Tensor(source) is a new handle on the same values, cut from the graph', async () => {
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    class Named extends Tensor {
      constructor(source: Tensor, readonly label: string) {
        super(source);
      }
    }
    const named = new Named(x.mul(3), 'tripled');
    expect(named).toBeInstanceOf(Tensor);
    expect(named.requiresGrad).toBe(false);
    expect((await named.array())).toEqual([3, 6]);
    expect((await named.add(1).array())).toEqual([4, 7]);
  });

  it('assign replaces the values in place, keeping the gradient slot', async () => {
    // Counted by checkLeaks (this test's tensors only): reads on an asynchronous backend yield to the
    // event loop, where the FinalizationRegistry may free other tests' garbage.
    const report = await checkLeaks(async () => {
      const w = zeros([2, 2]);
      w.requiresGrad = true;
      tidy(() => w.add(1).sum().backward());
      const old = w.detach();
      noGrad(() => tidy(() => w.assign(w.sub(w.grad!.mul(0.5)))));
      expect((await w.array())).toEqual([[-0.5, -0.5], [-0.5, -0.5]]);
      expect(w.requiresGrad).toBe(true);
      expect((await w.grad!.array())).toEqual([[1, 1], [1, 1]]);
      expect((await old.array())).toEqual([[0, 0], [0, 0]]); // earlier handles keep the old values
      old.dispose();
      w.dispose();
    });
    expect(report.leaked).toBe(0);
  });

  it('assign checks shape and dtype', async () => {
    expect(() => zeros([2]).assign(ones([3]))).toThrow('assign: expected a float32 tensor of shape [2], got float32 [3]');
    expect(() => zeros([2]).assign(ones([2], 'int32'))).toThrow(/got int32 \[2\]/);
  });

  it('describes itself', async () => {
    const x = zeros([2, 3]);
    x.requiresGrad = true;
    expect(String(x)).toBe('Tensor(shape=[2, 3], dtype=float32, requiresGrad)');
  });
});
