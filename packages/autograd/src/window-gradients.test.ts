import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '@neurite/tensor/testing';
import { arange, checkLeaks, tensor, tidy, split, type Tensor } from '@neurite/tensor';

/** Slices' gradients are joined as windows (one concat for disjoint pieces): check every arrangement. */
describeEachBackend({ describe, beforeAll, afterAll }, 'gradients of slices', () => {
  const leaf = () => {
    const x = arange(0, 12, 1, 'float32').reshape([3, 4]);
    x.requiresGrad = true;
    return x;
  };
  const gradOf = async (f: (x: Tensor) => Tensor): Promise<number[][]> => {
    const x = leaf();
    tidy(() => f(x).backward());
    return (await x.grad!.array()) as number[][];
  };

  it('pieces that tile an axis, weighted differently', async () => {
    expect(await gradOf((x) => tidy(() => x.split(1, 1).map((piece, i) => piece.sum().mul(i + 1)).reduce((a, b) => a.add(b))))).toEqual([
      [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4],
    ]);
  });

  it('pieces with gaps leave zeros in the gaps', async () => {
    expect(await gradOf((x) => tidy(() => x.narrow(1, 1, 1).sum().add(x.narrow(1, 3, 1).sum().mul(2))))).toEqual([
      [0, 1, 0, 2], [0, 1, 0, 2], [0, 1, 0, 2],
    ]);
  });

  it('overlapping windows add up', async () => {
    expect(await gradOf((x) => tidy(() => x.slice([0, 0], [2, 3]).sum().add(x.slice([1, 1], [2, 3]).sum())))).toEqual([
      [1, 1, 1, 0], [1, 2, 2, 1], [0, 1, 1, 1],
    ]);
  });

  it('windows and dense uses of the same tensor combine', async () => {
    expect(await gradOf((x) => tidy(() => x.narrow(0, 0, 1).sum().mul(3).add(x.sum())))).toEqual([
      [4, 4, 4, 4], [1, 1, 1, 1], [1, 1, 1, 1],
    ]);
  });

  it('a long unbind backpropagates exactly and leaves nothing behind', async () => {
    const x = tensor(Array.from({ length: 64 * 5 }, (_, i) => i / 100), [64, 5]);
    x.requiresGrad = true;
    // Counted with checkLeaks, not memory(): in a browser, tensors that earlier tests dropped may be
    // collected (and leave the count) at any moment, which once took 44 off the total mid-test.
    const report = await checkLeaks(() =>
      tidy(() => {
        const steps = split(x, 1, 0);
        steps.map((step, t) => step.square().sum().mul(t)).reduce((a, b) => a.add(b)).backward();
      }),
    );
    const grad = (await x.grad!.array()) as number[][];
    grad.forEach((row, t) => row.forEach((g, j) => expect(g).toBeCloseTo(2 * t * ((t * 5 + j) / 100), 4)));
    expect(report.leaked).toBe(1); // only x.grad
  });
});
