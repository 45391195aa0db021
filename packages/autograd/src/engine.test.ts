import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend, expectClose } from '@neurite/tensor/testing';
// Everything through @neurite/tensor: the build of autograd that Tensor runs on.
import { tensor, randn, tidy, memory, noGrad, enableGrad, isGradEnabled, zeros, ones } from '@neurite/tensor';

describeEachBackend({ describe, beforeAll, afterAll }, 'backward', () => {
  it('accumulates into .grad across calls until it is reset', async () => {
    const x = tensor([1, 2, 3]);
    x.requiresGrad = true;
    for (let i = 0; i < 2; i++) tidy(() => x.mul(x).sum().backward());
    expect(Array.from((await x.grad!.data()))).toEqual([4, 8, 12]);
    x.grad = null;
    tidy(() => x.sum().backward());
    expect(Array.from((await x.grad!.data()))).toEqual([1, 1, 1]);
    x.dispose();
  });

  it('takes an explicit gradient for a non-scalar and refuses to imply one', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    x.requiresGrad = true;
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(/shape \[2, 2\].*scalar.*backward\(gradient\)/);
    expect(() => y.backward(tensor([1, 2]))).toThrow(/gradient has shape \[2\].*expected \[2, 2\]/);
    y.backward(tensor([[1, 0], [0, 1]]));
    expect(Array.from((await x.grad!.data()))).toEqual([2, 0, 0, 2]);
  });

  it('frees the graph after backward unless retainGraph is set', async () => {
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    // exp on a GPU is within a few ulp of the correctly rounded value (WGSL allows 3 + 2|x| ulp).
    expectClose(await x.grad!.data(), [2 * Math.exp(1), 2 * Math.exp(2)], 'd/dx 2·Σexp(x)', 0, 1e-6);
    expect(() => y.backward()).toThrow(/already freed.*retainGraph/);
  });

  it('says so when nothing requires grad', async () => {
    const y = tensor([1, 2]).sum();
    expect(() => y.backward()).toThrow(/does not require grad/);
  });

  it('walks very deep graphs without recursion', async () => {
    const x = tensor([1]);
    x.requiresGrad = true;
    let y = x;
    const depth = 20_000;
    const made = [];
    for (let i = 0; i < depth; i++) {
      y = y.mul(1);
      made.push(y);
    }
    y.sum().backward();
    expect(Array.from((await x.grad!.data()))).toEqual([1]);
    for (const t of made) t.dispose();
  });

  it('sums the gradients of a tensor used twice', async () => {
    const x = tensor([3]);
    x.requiresGrad = true;
    const y = x.mul(x).add(x); // dy/dx = 2x + 1
    y.sum().backward();
    expect((await x.grad!.data())[0]).toBe(7);
  });

  it('only float tensors can require grad', async () => {
    expect(() => {
      tensor([1, 2], [2], 'int32').requiresGrad = true;
    }).toThrow(/only float32 tensors can require grad.*'int32'/);
    const x = tensor([1.5]);
    x.requiresGrad = true;
    expect(() => {
      x.mul(2).requiresGrad = false;
    }).toThrow(/only leaf tensors/);
  });

  it('detach cuts the graph', async () => {
    const x = tensor([2]);
    x.requiresGrad = true;
    const y = x.mul(x.detach());
    y.sum().backward();
    expect((await x.grad!.data())[0]).toBe(2);
  });
});

describeEachBackend({ describe, beforeAll, afterAll }, 'grad mode', () => {
  it('noGrad records nothing and enableGrad records inside it', async () => {
    const x = tensor([1]);
    x.requiresGrad = true;
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    const z = noGrad(() => enableGrad(() => x.mul(2)));
    expect(z.requiresGrad).toBe(true);
    expect(isGradEnabled()).toBe(true);
  });

  it('noGrad refuses an async function instead of silently covering only part of it', async () => {
    expect(() => noGrad(async () => 1)).toThrow(/returned a Promise/);
    expect(isGradEnabled()).toBe(true);
  });
});

describeEachBackend({ describe, beforeAll, afterAll }, 'memory of the graph', () => {
  it('frees saved tensors after backward and the whole graph when the output is dropped', async () => {
    const w = randn([4, 4]);
    w.requiresGrad = true;
    const before = memory().tensors;
    // Forward without backward: tidy drops the loss, and with it every saved intermediate.
    tidy(() => {
      w.matmul(w).relu().sum();
    });
    expect(memory().tensors).toBe(before);
    // Forward and backward: only the new .grad survives.
    tidy(() => w.matmul(w).relu().sum().backward());
    expect(memory().tensors).toBe(before + 1);
    w.grad = null;
    expect(memory().tensors).toBe(before);
  });

  it('keeps what backward needs even when tidy disposed the user handles', async () => {
    const x = ones([2]);
    x.requiresGrad = true;
    const loss = tidy(() => x.mul(3).exp().sum()); // the intermediates' handles are gone
    loss.backward();
    expectClose(await x.grad!.data(), Array(2).fill(3 * Math.exp(3)), 'd/dx Σexp(3x)', 0, 1e-6);
    loss.dispose();
    const zero = zeros([1]);
    zero.dispose();
  });
});
