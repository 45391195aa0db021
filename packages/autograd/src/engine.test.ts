import { describe, expect, it } from 'vitest';
// Everything through @neurite/tensor: the build of autograd that Tensor runs on.
import { tensor, randn, tidy, memory, noGrad, enableGrad, isGradEnabled, zeros, ones } from '@neurite/tensor';

describe('backward', () => {
  it('accumulates into .grad across calls until it is reset', () => {
    const x = tensor([1, 2, 3]);
    x.requiresGrad = true;
    for (let i = 0; i < 2; i++) tidy(() => x.mul(x).sum().backward());
    expect(Array.from(x.grad!.dataSync())).toEqual([4, 8, 12]);
    x.grad = null;
    tidy(() => x.sum().backward());
    expect(Array.from(x.grad!.dataSync())).toEqual([1, 1, 1]);
    x.dispose();
  });

  it('takes an explicit gradient for a non-scalar and refuses to imply one', () => {
    const x = tensor([[1, 2], [3, 4]]);
    x.requiresGrad = true;
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(/shape \[2, 2\].*scalar.*backward\(gradient\)/);
    expect(() => y.backward(tensor([1, 2]))).toThrow(/gradient has shape \[2\].*expected \[2, 2\]/);
    y.backward(tensor([[1, 0], [0, 1]]));
    expect(Array.from(x.grad!.dataSync())).toEqual([2, 0, 0, 2]);
  });

  it('frees the graph after backward unless retainGraph is set', () => {
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([2 * Math.exp(1), 2 * Math.exp(2)].map(Math.fround));
    expect(() => y.backward()).toThrow(/already freed.*retainGraph/);
  });

  it('says so when nothing requires grad', () => {
    const y = tensor([1, 2]).sum();
    expect(() => y.backward()).toThrow(/does not require grad/);
  });

  it('walks very deep graphs without recursion', () => {
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
    expect(Array.from(x.grad!.dataSync())).toEqual([1]);
    for (const t of made) t.dispose();
  });

  it('sums the gradients of a tensor used twice', () => {
    const x = tensor([3]);
    x.requiresGrad = true;
    const y = x.mul(x).add(x); // dy/dx = 2x + 1
    y.sum().backward();
    expect(x.grad!.dataSync()[0]).toBe(7);
  });

  it('only float tensors can require grad', () => {
    expect(() => {
      tensor([1, 2], [2], 'int32').requiresGrad = true;
    }).toThrow(/only float32 tensors can require grad.*'int32'/);
    const x = tensor([1.5]);
    x.requiresGrad = true;
    expect(() => {
      x.mul(2).requiresGrad = false;
    }).toThrow(/only leaf tensors/);
  });

  it('detach cuts the graph', () => {
    const x = tensor([2]);
    x.requiresGrad = true;
    const y = x.mul(x.detach());
    y.sum().backward();
    expect(x.grad!.dataSync()[0]).toBe(2);
  });
});

describe('grad mode', () => {
  it('noGrad records nothing and enableGrad records inside it', () => {
    const x = tensor([1]);
    x.requiresGrad = true;
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    const z = noGrad(() => enableGrad(() => x.mul(2)));
    expect(z.requiresGrad).toBe(true);
    expect(isGradEnabled()).toBe(true);
  });

  it('noGrad refuses an async function instead of silently covering only part of it', () => {
    expect(() => noGrad(async () => 1)).toThrow(/returned a Promise/);
    expect(isGradEnabled()).toBe(true);
  });
});

describe('memory of the graph', () => {
  it('frees saved tensors after backward and the whole graph when the output is dropped', () => {
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

  it('keeps what backward needs even when tidy disposed the user handles', () => {
    const x = ones([2]);
    x.requiresGrad = true;
    const loss = tidy(() => x.mul(3).exp().sum()); // the intermediates' handles are gone
    loss.backward();
    expect(Array.from(x.grad!.dataSync())).toEqual(Array(2).fill(Math.fround(3 * Math.exp(3))));
    loss.dispose();
    const zero = zeros([1]);
    zero.dispose();
  });
});
