import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, gradcheck, manualSeed, randn, tensor, tidy, where, type Tensor } from '@neurite/tensor';
import fixtures from './__fixtures__/transformer.json';
import { describeEachBackend, expectTensorClose, fromFixture, fromFixtures, type TensorFixture } from '@neurite/tensor/testing';
import { generateSquareSubsequentMask, scaledDotProductAttention, type ScaledDotProductAttentionOptions } from './index.js';

interface SdpaCase {
  name: string;
  options: ScaledDotProductAttentionOptions;
  inputs: Record<'query' | 'key' | 'value', TensorFixture>;
  attnMask: TensorFixture | null;
  output: TensorFixture;
  gradOutput: TensorFixture;
  grads: Record<'query' | 'key' | 'value', TensorFixture>;
}

describeEachBackend({ describe, beforeAll, afterAll }, 'scaledDotProductAttention matches PyTorch', () => {
  for (const testCase of fixtures.sdpa as unknown as SdpaCase[]) {
    it(testCase.name, async () => {
      const { query, key, value } = fromFixtures(testCase.inputs);
      for (const t of [query, key, value]) t.requiresGrad = true;
      const attnMask = testCase.attnMask ? fromFixture(testCase.attnMask) : null;
      const output = scaledDotProductAttention(query, key, value, { ...testCase.options, attnMask });
      await expectTensorClose(output, testCase.output, `${testCase.name}: output`);
      tidy(() => output.mul(fromFixture(testCase.gradOutput)).sum().backward());
      await expectTensorClose(query.grad!, testCase.grads.query, `${testCase.name}: gradient of query`);
      await expectTensorClose(key.grad!, testCase.grads.key, `${testCase.name}: gradient of key`);
      await expectTensorClose(value.grad!, testCase.grads.value, `${testCase.name}: gradient of value`);
      dispose([query.grad!, key.grad!, value.grad!, query, key, value, output, ...(attnMask ? [attnMask] : [])]);
    });
  }
});

describeEachBackend({ describe, beforeAll, afterAll }, 'scaledDotProductAttention', () => {
  it('passes gradcheck, with a float mask and causally', async () => {
    manualSeed(3);
    const [q, k, v] = [randn([2, 3, 4]), randn([2, 5, 4]), randn([2, 5, 3])];
    const mask = randn([3, 5]);
    await gradcheck((a: Tensor, b: Tensor, c: Tensor) => scaledDotProductAttention(a, b, c, { attnMask: mask }), [q, k, v]);
    const [qs, ks, vs] = [randn([3, 4]), randn([3, 4]), randn([3, 2])];
    await gradcheck((a: Tensor, b: Tensor, c: Tensor) => scaledDotProductAttention(a, b, c, { isCausal: true, scale: 0.7 }), [qs, ks, vs]);
    dispose([q, k, v, mask, qs, ks, vs]);
  });

  it('a boolean mask equals the float mask with -Infinity where it is false', async () => {
    manualSeed(4);
    const [q, k, v] = [randn([2, 4, 6]), randn([2, 4, 6]), randn([2, 4, 6])];
    const allowed = tensor([[true, false, true, false], [true, true, false, false], [false, true, true, true], [true, true, true, true]]);
    const fromBool = scaledDotProductAttention(q, k, v, { attnMask: allowed });
    const additive = where(allowed, 0, -Infinity);
    const fromFloat = scaledDotProductAttention(q, k, v, { attnMask: additive });
    expect(await fromBool.array()).toEqual(await fromFloat.array());
    // isCausal is the lower-triangular boolean mask, and generateSquareSubsequentMask its float form.
    const causalFloat = generateSquareSubsequentMask(4);
    const causal = scaledDotProductAttention(q, k, v, { isCausal: true });
    const explicit = scaledDotProductAttention(q, k, v, { attnMask: causalFloat });
    expect(await causal.array()).toEqual(await explicit.array());
    expect(await causalFloat.array()).toEqual([[0, -Infinity, -Infinity, -Infinity], [0, 0, -Infinity, -Infinity], [0, 0, 0, -Infinity], [0, 0, 0, 0]]);
    dispose([q, k, v, allowed, fromBool, additive, fromFloat, causalFloat, causal, explicit]);
  });

  it('is stable for large scores', async () => {
    const q = tensor([[1000, 0], [0, 1000]]);
    const out = scaledDotProductAttention(q, q, tensor([[1, 2], [3, 4]]));
    const values = Array.from(await out.data());
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values).toEqual([1, 2, 3, 4]);
    dispose([q, out]);
  });

  it('drops attention weights only in training, deterministically under manualSeed', async () => {
    const [q, k, v] = [tensor([[[1, 0], [0, 1]]]), tensor([[[1, 0], [0, 1]]]), tensor([[[1, 2], [3, 4]]])];
    const run = () => scaledDotProductAttention(q, k, v, { dropoutP: 0.5 });
    manualSeed(7);
    const first = await run().array();
    manualSeed(7);
    expect(await run().array()).toEqual(first);
    const evaluation = scaledDotProductAttention(q, k, v, { dropoutP: 0.5, training: false });
    const plain = scaledDotProductAttention(q, k, v);
    expect(await evaluation.array()).toEqual(await plain.array());
  });

  it('says what is wrong with shapes and options', () => {
    const q = randn([2, 3, 4]);
    expect(() => scaledDotProductAttention(q, randn([2, 5, 3]), randn([2, 5, 4]))).toThrow(
      'scaledDotProductAttention: query [2, 3, 4] and key [2, 5, 3] must have the same last axis',
    );
    expect(() => scaledDotProductAttention(q, randn([2, 5, 4]), randn([2, 6, 4]))).toThrow(/key \[2, 5, 4\] and value \[2, 6, 4\] must have the same sequence length/);
    expect(() => scaledDotProductAttention(q, q, q, { attnMask: randn([4, 3]) })).toThrow(
      "scaledDotProductAttention: attnMask of shape [4, 3] does not broadcast to the scores' [L, S] = [3, 3]",
    );
    expect(() => scaledDotProductAttention(q, q, q, { attnMask: tensor([1, 2, 3], [3], 'int32') })).toThrow(/attnMask must be a bool or float32 tensor, got 'int32'/);
    expect(() => scaledDotProductAttention(q, q, q, { isCausal: true, attnMask: randn([3, 3]) })).toThrow(/either attnMask or isCausal/);
    expect(() => scaledDotProductAttention(randn([3]), q, q)).toThrow(/at least 2 axes/);
  });
});
