import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '@neurite/tensor/testing';
import { Tensor, tensor, randn, rand, manualSeed, tidy, concat, stack } from '@neurite/tensor';
// Through @neurite/tensor: the same build of autograd that Tensor itself runs on (the source
// module would be a second copy, with its own classes and grad-mode flag).
import { gradcheck, gradcheckDetailed } from '@neurite/tensor';

/**
 * Finite differences against autograd for every differentiable op. Autograd's tests use the real
 * Tensor from @neurite/tensor (a root dev dependency: tensor depends on autograd, so autograd
 * cannot declare it without a cycle).
 */

manualSeed(7);
const x34 = () => randn([3, 4]);
const positive34 = () => rand([3, 4]).add(0.5);
const distinct = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n - 0.5);
  return tensor(values, shape).mul(4).add(0.013); // off the kinks at 0
};

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor, inputs: () => Tensor[]];

const cases: Case[] = [
  ['neg', (x) => x.neg(), () => [x34()]],
  ['abs', (x) => x.abs(), () => [distinct([3, 4])]],
  ['exp', (x) => x.exp(), () => [x34()]],
  ['log', (x) => x.log(), () => [positive34()]],
  ['log1p', (x) => x.log1p(), () => [positive34()]],
  ['sqrt', (x) => x.sqrt(), () => [positive34()]],
  ['rsqrt', (x) => x.rsqrt(), () => [positive34()]],
  ['reciprocal', (x) => x.reciprocal(), () => [positive34()]],
  ['sin', (x) => x.sin(), () => [x34()]],
  ['cos', (x) => x.cos(), () => [x34()]],
  ['tanh', (x) => x.tanh(), () => [x34()]],
  ['sigmoid', (x) => x.sigmoid(), () => [x34()]],
  ['relu', (x) => x.relu(), () => [distinct([3, 4])]],
  ['erf', (x) => x.erf(), () => [x34()]],
  ['square', (x) => x.square(), () => [x34()]],
  ['leakyRelu', (x) => x.leakyRelu(0.1), () => [distinct([3, 4])]],
  ['gelu', (x) => x.gelu(), () => [x34()]],
  ['gelu tanh', (x) => x.gelu('tanh'), () => [x34()]],
  ['silu', (x) => x.silu(), () => [x34()]],
  ['clamp', (x) => x.clamp(-0.3, 0.4), () => [distinct([3, 4])]],
  ['add broadcast', (a, b) => a.add(b), () => [randn([2, 1, 3]), randn([4, 1])]],
  ['sub broadcast', (a, b) => a.sub(b), () => [randn([2, 3]), randn([3])]],
  ['mul broadcast', (a, b) => a.mul(b), () => [randn([2, 3]), randn([2, 1])]],
  ['div broadcast', (a, b) => a.div(b), () => [randn([2, 3]), rand([3]).add(0.5)]],
  ['pow', (a, b) => a.pow(b), () => [rand([2, 3]).add(0.5), randn([2, 3])]],
  ['maximum', (a, b) => a.maximum(b), () => [distinct([2, 3]), distinct([3]).add(0.01)]],
  ['minimum', (a, b) => a.minimum(b), () => [distinct([2, 3]), distinct([2, 3]).flip(0).add(0.01)]],
  ['where', (a, b) => a.gt(0).where(a, b), () => [distinct([2, 3]), randn([3])]],
  ['sum axes', (x) => x.sum([0, 2]), () => [randn([2, 3, 4])]],
  ['mean keepDims', (x) => x.mean(1, true), () => [randn([2, 3, 4])]],
  ['prod', (x) => x.prod(1), () => [rand([2, 3]).add(0.5)]],
  ['max', (x) => x.max(-1), () => [distinct([3, 4])]],
  ['min', (x) => x.min(0), () => [distinct([3, 4])]],
  ['var', (x) => x.var(1), () => [randn([3, 4])]],
  ['std', (x) => x.std(), () => [randn([3, 4])]],
  ['logSumExp', (x) => x.logSumExp(1), () => [randn([3, 4])]],
  ['softmax', (x) => x.softmax(-1), () => [randn([3, 4])]],
  ['logSoftmax', (x) => x.logSoftmax(0), () => [randn([3, 4])]],
  ['matmul', (a, b) => a.matmul(b), () => [randn([3, 4]), randn([4, 2])]],
  ['matmul batched broadcast', (a, b) => a.matmul(b), () => [randn([2, 1, 3, 4]), randn([3, 4, 2])]],
  ['matmul vector', (a, b) => a.matmul(b), () => [randn([4]), randn([2, 4, 3])]],
  ['matmul transposes', (a, b) => a.matmul(b, { transposeA: true, transposeB: true }), () => [randn([4, 3]), randn([2, 4])]],
  ['reshape', (x) => x.reshape([4, 3]), () => [randn([3, 4])]],
  ['permute', (x) => x.permute([2, 0, 1]), () => [randn([2, 3, 4])]],
  ['expand', (x) => x.expand([2, 3, 4]), () => [randn([3, 1])]],
  ['concat', (a, b) => concat([a, b], 0), () => [randn([2, 3]), randn([1, 3])]],
  ['stack', (a, b) => stack([a, b], 2), () => [randn([2, 3]), randn([2, 3])]],
  ['slice', (x) => x.slice([1, 0], [2, 3]), () => [randn([3, 4])]],
  ['split', (x) => x.split(2, 1)[1], () => [randn([2, 5])]],
  ['pad', (x) => x.pad([1, 2, 2, 0], 0.5), () => [randn([2, 3])]],
  ['flip', (x) => x.flip([0, 1]), () => [randn([2, 3])]],
  ['tile', (x) => x.tile([2, 2]), () => [randn([2, 3])]],
  ['gather', (x) => x.gather(1, tensor([[0, 0, 2], [1, 2, 1]], [2, 3], 'int32')), () => [randn([2, 3])]],
  ['indexSelect', (x) => x.indexSelect(0, tensor([2, 0, 2], [3], 'int32')), () => [randn([3, 2])]],
  ['scatterAdd', (x, s) => x.scatterAdd(0, tensor([[0, 1], [0, 0]], [2, 2], 'int32'), s), () => [randn([2, 2]), randn([2, 2])]],
];

describeEachBackend({ describe, beforeAll, afterAll }, 'gradcheck of every differentiable op', () => {
  for (const [name, fn, inputs] of cases) {
    it(name, async () => {
      const xs = inputs();
      await expect(gradcheck(fn, xs)).resolves.toBe(true);
      for (const x of xs) x.dispose();
    });
  }
});

describeEachBackend({ describe, beforeAll, afterAll }, 'gradcheck itself', () => {
  it('rejects a wrong gradient, naming the input and element', async () => {
    // floor has zero gradient almost everywhere, yet x + floor(x)'s finite difference jumps at integers:
    // pick points where it is smooth, then break the gradient by stopping it with detach.
    const wrong = (x: Tensor) => tidy(() => x.detach().mul(x));
    const result = await gradcheckDetailed(wrong, [tensor([0.5, 1.5, -2])]);
    expect(result.ok).toBe(false);
    await expect(gradcheck(wrong, [tensor([0.5, 1.5, -2])])).rejects.toThrow(/gradient of input 0 at flat index \d+/);
  });
});
