import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from './testing/backends.js';
import { tensor, zeros, ones, tidy, keep, dispose, memory, checkLeaks, setLeakTracking, leakReport, type Tensor } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'memory', () => {
  it('tidy frees what the function made and did not return', async () => {
    const before = memory();
    const kept = tidy(() => {
      const a = ones([3]);
      const b = a.mul(2).add(1);
      return { result: b.sum(), parts: [b] };
    });
    expect(memory().tensors).toBe(before.tensors + 2);
    dispose([kept.result, ...kept.parts]);
    expect(memory()).toEqual(before);
  });

  it('nested tidy hands survivors to the outer scope, which frees them', async () => {
    const before = memory().tensors;
    tidy(() => {
      const inner = tidy(() => ones([2]).mul(3));
      expect(inner.isDisposed).toBe(false);
    });
    expect(memory().tensors).toBe(before);
  });

  it('keep exempts a tensor from every enclosing tidy', async () => {
    let saved = zeros([1]);
    tidy(() => tidy(() => {
      saved = keep(ones([4]));
    }));
    expect(saved.isDisposed).toBe(false);
    saved.dispose();
  });

  it('tidy disposes on an exception, too', async () => {
    const before = memory().tensors;
    expect(() => tidy(() => {
      ones([5]).mul(2);
      throw new Error('boom');
    })).toThrow('boom');
    expect(memory().tensors).toBe(before);
  });

  it('refuses async functions instead of leaking their tensors', async () => {
    expect(() => tidy(async () => ones([1]))).toThrow(/tidy: the function returned a Promise/);
  });

  it('counts buffers shared between handles once', async () => {
    // Each comparison is made within one synchronous stretch: a read on an asynchronous backend
    // yields to the event loop, where the FinalizationRegistry may free other tests' garbage.
    const before = memory();
    const x = tensor([1, 2, 3, 4]);
    const y = x.reshape([2, 2]);
    expect(memory()).toEqual({ tensors: before.tensors + 2, buffers: before.buffers + 1, bytes: before.bytes + 16 });
    const beforeDispose = memory();
    x.dispose();
    expect(memory()).toEqual({ ...beforeDispose, tensors: beforeDispose.tensors - 1 }); // y still holds the buffer
    expect(Array.from((await y.data()))).toEqual([1, 2, 3, 4]);
    const beforeLast = memory();
    y.dispose();
    expect(memory()).toEqual({ tensors: beforeLast.tensors - 1, buffers: beforeLast.buffers - 1, bytes: beforeLast.bytes - 16 });
  });

  it('the leak report names where leaked tensors were made', async () => {
    let dropped: Tensor | undefined;
    const report = await checkLeaks(() => {
      dropped = tidy(() => ones([2]).add(1)); // returned, and (as far as the report knows) dropped on the floor
    });
    expect(report.leaked).toBe(1);
    expect(report.sites[0].site).toMatch(/memory\.test\.ts/);
    setLeakTracking(false);
    // The process-wide report holds it until it is disposed, and then no longer.
    const everywhere = leakReport().leaked;
    dropped!.dispose();
    expect(leakReport().leaked).toBe(everywhere - 1);
  });
});
