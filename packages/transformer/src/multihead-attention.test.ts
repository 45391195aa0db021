import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, gradcheck, manualSeed, memory, randn, tensor, tidy, where, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { generateSquareSubsequentMask, MultiheadAttention, TransformerEncoderLayer } from './index.js';

describeEachBackend({ describe, beforeAll, afterAll }, 'MultiheadAttention', () => {
  it("has PyTorch's parameters, keys and initialisation", async () => {
    manualSeed(0);
    const packed = new MultiheadAttention(8, 2);
    expect(Object.fromEntries(packed.namedParameters().map(([k, p]) => [k, p.shape]))).toEqual({
      in_proj_weight: [24, 8], in_proj_bias: [24], 'out_proj.weight': [8, 8], 'out_proj.bias': [8],
    });
    // xavier_uniform over [3E, E]: bound √(6 / (E + 3E)); zero biases.
    const bound = Math.sqrt(6 / 32);
    expect(Array.from(await packed.inProjWeight!.data()).every((w) => Math.abs(w) <= bound)).toBe(true);
    expect(Array.from(await packed.inProjBias!.data()).every((b) => b === 0)).toBe(true);
    expect(Array.from(await packed.outProj.bias!.data()).every((b) => b === 0)).toBe(true);
    const separate = new MultiheadAttention(8, 4, { kdim: 3, vdim: 5, bias: false, addBiasKv: true });
    expect(Object.fromEntries(separate.namedParameters().map(([k, p]) => [k, p.shape]))).toEqual({
      q_proj_weight: [8, 8], k_proj_weight: [8, 3], v_proj_weight: [8, 5], bias_k: [1, 1, 8], bias_v: [1, 1, 8], 'out_proj.weight': [8, 8],
    });
    packed.dispose();
    separate.dispose();
  });

  it('passes gradcheck with respect to query, key and value', async () => {
    manualSeed(1);
    const attention = new MultiheadAttention(4, 2, { kdim: 3, vdim: 2 });
    const [q, k, v] = [randn([3, 2, 4]), randn([5, 2, 3]), randn([5, 2, 2])];
    const padding = tensor([[false, false, true, false, true], [false, true, false, false, false]]);
    await gradcheck((a: Tensor, b: Tensor, c: Tensor) => attention.forward(a, b, c, { keyPaddingMask: padding, needWeights: false })[0], [q, k, v]);
    // The weights are differentiable too.
    await gradcheck((a: Tensor, b: Tensor, c: Tensor) => attention.forward(a, b, c, { averageAttnWeights: false })[1]!, [q, k, v]);
    dispose([q, k, v, padding]);
    attention.dispose();
  });

  it('a float key padding mask adds to the scores like the boolean one', async () => {
    manualSeed(2);
    const attention = new MultiheadAttention(6, 3, { batchFirst: true });
    const x = randn([2, 4, 6]);
    const padding = tensor([[false, false, true, true], [false, false, false, true]]);
    const [fromBool, weightsBool] = attention.forward(x, x, x, { keyPaddingMask: padding });
    const [fromFloat, weightsFloat] = attention.forward(x, x, x, { keyPaddingMask: where(padding, -Infinity, 0) });
    expect(await fromFloat.array()).toEqual(await fromBool.array());
    expect(await weightsFloat!.array()).toEqual(await weightsBool!.array());
    // Padded keys get no weight.
    const weights = (await weightsBool!.array()) as number[][][];
    expect(weights[0].every((row) => row[2] === 0 && row[3] === 0)).toBe(true);
    attention.dispose();
  });

  it('isCausal without a mask is the causal mask', async () => {
    manualSeed(3);
    const attention = new MultiheadAttention(4, 1);
    const x = randn([5, 2, 4]);
    const mask = generateSquareSubsequentMask(5);
    const [causal] = attention.forward(x, x, x, { isCausal: true });
    const [explicit] = attention.forward(x, x, x, { attnMask: mask });
    expect(await causal.array()).toEqual(await explicit.array());
    attention.dispose();
  });

  it('drops attention weights in training only', async () => {
    manualSeed(4);
    const attention = new MultiheadAttention(4, 2, { dropout: 0.5 });
    const x = randn([3, 1, 4]);
    const [, trainingWeights] = attention.forward(x, x, x, { averageAttnWeights: false });
    expect(Array.from(await trainingWeights!.data()).some((w) => w === 0)).toBe(true);
    attention.eval();
    const [, evalWeights] = attention.forward(x, x, x, { averageAttnWeights: false });
    const rows = (await evalWeights!.array()) as number[][][][];
    for (const row of rows.flat(2)) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    attention.dispose();
  });

  it('names the layer and the shapes when something does not fit', () => {
    expect(() => new MultiheadAttention(10, 3)).toThrow('MultiheadAttention: embedDim (10) must be divisible by numHeads (3); each head gets embedDim / numHeads features');
    expect(() => new MultiheadAttention(8, 0)).toThrow('MultiheadAttention: numHeads must be a positive integer, got 0');
    expect(() => new TransformerEncoderLayer(10, 4)).toThrow('TransformerEncoderLayer: dModel (10) must be divisible by nhead (4)');
    const attention = new MultiheadAttention(8, 2);
    const q = randn([4, 3, 8]);
    const kv = randn([5, 3, 8]);
    expect(() => attention.forward(q, kv, kv, { attnMask: randn([4, 4]) })).toThrow(
      'MultiheadAttention: attnMask has shape [4, 4]; expected [L, S] = [4, 5] or [N·numHeads, L, S] = [6, 4, 5]',
    );
    expect(() => attention.forward(q, kv, kv, { attnMask: randn([3, 4, 5]) })).toThrow(/attnMask has shape \[3, 4, 5\]/);
    expect(() => attention.forward(q, kv, kv, { keyPaddingMask: tensor([[true, false, false, false]]) })).toThrow(
      'MultiheadAttention: keyPaddingMask has shape [1, 4]; expected [N, S] = [3, 5]',
    );
    expect(() => attention.forward(q, kv, kv, { keyPaddingMask: tensor([[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]], [3, 5], 'int32') })).toThrow(
      /keyPaddingMask must be a bool or float32 tensor, got 'int32'/,
    );
    expect(() => attention.forward(randn([4, 3, 6]), kv, kv)).toThrow(
      'MultiheadAttention: expected widths (last axis) query 8, key 8, value 8; got query [4, 3, 6], key [5, 3, 8], value [5, 3, 8]',
    );
    expect(() => attention.forward(q, randn([5, 2, 8]), randn([5, 2, 8]))).toThrow(/same batch size \(axis 1\)/);
    expect(() => attention.forward(q, kv, randn([6, 3, 8]))).toThrow(/key and value must have the same sequence length/);
    expect(() => attention.forward(randn([8]), kv, kv)).toThrow(/all be 3-D \(batched\) or all 2-D \(unbatched\)/);
    attention.dispose();
  });

  it('runs training steps at flat memory inside tidy', () => {
    manualSeed(5);
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true });
    const attention = new MultiheadAttention(8, 2, { batchFirst: true });
    const x = randn([2, 5, 8]);
    const mask = generateSquareSubsequentMask(5);
    const padding = tensor([[false, false, false, true, true], [false, false, false, false, false]]);
    const step = () => {
      tidy(() => {
        const [attended, weights] = attention.forward(x, x, x, { attnMask: mask, keyPaddingMask: padding });
        layer.forward(attended, { srcMask: mask, srcKeyPaddingMask: padding }).mean().add(weights!.mean()).backward();
      });
      layer.zeroGrad();
      attention.zeroGrad();
    };
    step();
    const settled = memory();
    for (let i = 0; i < 5; i++) step();
    expect(memory()).toEqual(settled);
    layer.dispose();
    attention.dispose();
    dispose([x, mask, padding]);
  });
});
