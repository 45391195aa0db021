import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '@neurite/tensor/testing';
import { KernelDataError, getBackend, gather, nn, randn, sync, tensor, tidy, type Tensor } from './index.js';

/**
 * Errors only the data can show, as a user meets them. The CPU backend throws from the op; a
 * queued backend throws nothing there and rejects the next read or sync() instead. Either way the
 * message names the op the user called and the offending value, and the next op works.
 */

/** Runs `fn`; returns the error the op threw, or else the one the next sync() rejected with. */
async function dataErrorOf(fn: () => Tensor): Promise<Error> {
  let result: Tensor | undefined;
  try {
    result = tidy(fn);
  } catch (error) {
    if (getBackend().capabilities.synchronousRead) return error as Error;
    throw error;
  }
  try {
    await result.data();
  } catch (error) {
    return error as Error;
  } finally {
    result.dispose();
  }
  throw new Error('no error was reported');
}

/** The op after the error works as usual. */
async function expectBackendUsable(): Promise<void> {
  await expect(sync()).resolves.toBeUndefined();
  expect(Array.from(await tensor([1, 2]).mul(3).data())).toEqual([3, 6]);
}

describeEachBackend({ describe, beforeAll, afterAll }, 'data errors', (backend) => {
  it('a class label out of range in crossEntropy', async () => {
    const error = await dataErrorOf(() => nn.functional.crossEntropy(randn([4, 3]), tensor([0, 2, 5, 1], [4], 'int32')));
    expect(error).toBeInstanceOf(KernelDataError);
    expect(error.message).toBe('crossEntropy: target 5 is out of range for 3 classes');
    if (!backend.startsWith('cpu')) expect(getBackend().capabilities.synchronousRead).toBe(false);
    await expectBackendUsable();
  });

  it('a negative class label in nllLoss', async () => {
    const error = await dataErrorOf(() => nn.functional.nllLoss(randn([2, 4]).logSoftmax(-1), tensor([-3, 1], [2], 'int32')));
    expect(error.message).toBe('nllLoss: target -3 is out of range for 4 classes');
    await expectBackendUsable();
  });

  it('a token out of range in Embedding', async () => {
    const embedding = new nn.Embedding(10, 4);
    const error = await dataErrorOf(() => embedding.forward(tensor([[1, 12]], [1, 2], 'int32')));
    expect(error.message).toBe('embedding: index 12 is out of range for 10 embeddings');
    await expectBackendUsable();
    expect((await embedding.forward(tensor([[1, 9]], [1, 2], 'int32')).data()).length).toBe(8);
  });

  it('gather out of range', async () => {
    const error = await dataErrorOf(() => gather(randn([2, 3]), 1, tensor([[0, 3], [1, 1]], [2, 2], 'int32')));
    expect(error.message).toBe('gather: index 3 is out of range for axis 1 of size 3 (valid range: 0 to 2)');
    await expectBackendUsable();
  });

  it('oneHot of a class beyond numClasses', async () => {
    const error = await dataErrorOf(() => tensor([0, 4], [2], 'int32').oneHot(4));
    expect(error.message).toBe('oneHot: class 4 is out of range for 4 classes');
    await expectBackendUsable();
  });

  it('backward through a bad label does not report the error a second time', async () => {
    const logits = randn([2, 3]);
    logits.requiresGrad = true;
    const error = await dataErrorOf(() => {
      const loss = nn.functional.crossEntropy(logits, tensor([1, 3], [2], 'int32'));
      loss.backward();
      return loss;
    });
    expect(error.message).toBe('crossEntropy: target 3 is out of range for 3 classes');
    await expectBackendUsable();
  });
});
