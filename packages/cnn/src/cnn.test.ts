import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradcheck, randn, tensor, tidy, memory, manualSeed, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '@neurite/nn';
import * as cnn from './index.js';

function window(inputSize: [number, number]): cnn.WindowAttributes {
  return { kernel: [2, 3], stride: [1, 2], padding: [1, 0, 1, 1], dilation: [1, 1], padValue: 0, inputSize };
}

// Inputs are made by functions, inside the tests, so they land on the backend under test.
const gradcheckCases: [string, (...xs: Tensor[]) => Tensor, () => Tensor[]][] = [
  ['conv2d stride 2, padding 1, groups 2', (x, w, b) => cnn.conv2d(x, w, b, { stride: 2, padding: 1, groups: 2 }), () => [randn([1, 4, 5, 5]), randn([2, 2, 3, 3]), randn([2])]],
  ['conv2d dilation, same', (x, w) => cnn.conv2d(x, w, null, { padding: 'same', dilation: 2 }), () => [randn([1, 2, 5, 4]), randn([2, 2, 2, 3])]],
  ['maxPool2d 3/2/1', (x) => cnn.maxPool2d(x, 3, { stride: 2, padding: 1 }), () => [randn([1, 2, 5, 5])]],
  ['avgPool2d exclude padding, ceil', (x) => cnn.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), () => [randn([1, 2, 6, 5])]],
  ['adaptiveAvgPool2d 5x7 to 2x3', (x) => cnn.adaptiveAvgPool2d(x, [2, 3]), () => [randn([1, 2, 5, 7])]],
  ['batchNorm training', (x, w, b) => cnn.batchNorm(x, null, null, w, b, { training: true }).output, () => [randn([3, 2, 2, 2]), randn([2]), randn([2])]],
  ['im2col then col2im', (x) => cnn.col2im([cnn.im2col([x], window([4, 5]))], window([4, 5]), 2), () => [randn([1, 2, 4, 5])]],
];

describeEachBackend({ describe, beforeAll, afterAll }, 'gradcheck of the cnn ops', () => {
  for (const [index, [name, fn, inputs]] of gradcheckCases.entries()) {
    it(name, async () => {
      manualSeed(5 + index);
      await expect(gradcheck(fn, inputs())).resolves.toBe(true);
    });
  }
});

describeEachBackend({ describe, beforeAll, afterAll }, 'cnn layers', () => {
  it('save and load with the plugin, and name it when it is missing', async () => {
    manualSeed(5);
    const model = new nn.Sequential(new cnn.Conv2d(1, 4, 3, { padding: 1 }), new cnn.BatchNorm2d(4), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Dropout2d(0.2), new cnn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(4, 2));
    model.eval();
    const bytes = await nn.saveModel(model);
    expect(() => nn.loadModel(bytes)).toThrow(/unknown layer type 'Conv2d'\. It comes from the plugin '@neurite\/cnn'/);
    const loaded = nn.loadModel(bytes, { plugins: [cnn.cnnPlugin] }) as nn.Sequential;
    loaded.eval();
    const x = randn([2, 1, 6, 6]);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
    expect(Object.keys(loaded.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked', '7.weight', '7.bias']);
  });

  it('Conv2d is initialised U(±1/√fanIn) like PyTorch', async () => {
    manualSeed(6);
    const conv = new cnn.Conv2d(16, 32, 5);
    const bound = 1 / Math.sqrt(16 * 25);
    const values = Array.from(await conv.weight.data());
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(bound * 0.95);
    conv.dispose();
  });

  it('a training step leaves memory flat', () => {
    manualSeed(7);
    const model = new nn.Sequential(new cnn.Conv2d(1, 2, 3), new cnn.BatchNorm2d(2), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(8, 3));
    const step = () => tidy(() => {
      model.zeroGrad();
      nn.functional.crossEntropy(model.forward(randn([2, 1, 6, 6])), tensor([0, 2], [2], 'int32')).backward();
    });
    step();
    const after = memory().tensors;
    step();
    step();
    expect(memory().tensors).toBe(after);
    model.dispose();
  });

  it('bad input gets clear errors', () => {
    expect(() => cnn.conv2d(randn([1, 3, 5, 5]), randn([4, 2, 3, 3]))).toThrow('conv2d: weight [4, 2, 3, 3] expects 2 input channels (with groups 1), the input [1, 3, 5, 5] has 3');
    expect(() => cnn.conv2d(randn([3, 5, 5]), randn([4, 3, 3, 3]))).toThrow('conv2d: input must be [N, C, H, W], got [3, 5, 5]');
    expect(() => cnn.conv2d(randn([1, 3, 2, 2]), randn([4, 3, 3, 3]))).toThrow(/cnn\.im2col: the window does not fit the input \[1, 3, 2, 2\]/);
    expect(() => cnn.conv2d(randn([1, 2, 5, 5]), randn([2, 2, 3, 3]), null, { padding: 'same', stride: 2 })).toThrow("conv2d: padding 'same' needs stride 1");
    expect(() => new cnn.Conv2d(3, 4, 3, { groups: 2 })).toThrow('Conv2d: groups 2 must divide inChannels 3 and outChannels 4');
    expect(() => new cnn.BatchNorm2d(3).forward(randn([2, 4, 3, 3]))).toThrow('BatchNorm2d: expected input [N, 3, H, W], got [2, 4, 3, 3]');
    expect(() => cnn.maxPool2d(randn([1, 1, 4, 4]), 2, { padding: 2 })).toThrow('maxPool2d: padding [2, 2] must be at most half the kernel [2, 2]');
  });
});
