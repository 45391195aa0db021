import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor, zeros, ones, memory, tidy, manualSeed, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from './index.js';

/** A user-defined module, the way a PyTorch user writes one. */
class TwoLayer extends nn.Module {
  readonly fc1 = new nn.Linear(3, 4);
  readonly act = new nn.ReLU();
  readonly fc2 = new nn.Linear(4, 2);
  readonly scale: nn.Parameter;
  constructor() {
    super();
    this.scale = new nn.Parameter(ones([2]));
    this.registerBuffer('steps', zeros([], 'int32'));
    this.registerBuffer('cache', zeros([2]), { persistent: false });
  }
  forward(x: Tensor): Tensor {
    return tidy(() => this.fc2.forward(this.act.forward(this.fc1.forward(x))).mul(this.scale));
  }
}

describeEachBackend({ describe, beforeAll, afterAll }, 'Module', () => {
  it('finds parameters, buffers and children with PyTorch names, in order', () => {
    const model = new TwoLayer();
    expect(model.namedParameters().map(([name]) => name)).toEqual(['scale', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(model.parameters().every((p) => p instanceof nn.Parameter && p.requiresGrad)).toBe(true);
    expect(model.namedChildren().map(([name]) => name)).toEqual(['fc1', 'act', 'fc2']);
    expect(model.namedModules().map(([name]) => name)).toEqual(['', 'fc1', 'act', 'fc2']);
    expect(model.namedBuffers().map(([name]) => name)).toEqual(['steps', 'cache']);
    // PyTorch's order: each module's parameters, then its buffers, then its children's.
    expect(Object.keys(model.stateDict())).toEqual(['scale', 'steps', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
  });

  it('Sequential names children 0, 1, … and its state dict matches PyTorch keys', () => {
    const model = new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(model.stateDict()['0.weight'].shape).toEqual([128, 784]);
    expect(String(model)).toBe('Sequential(\n  (0): Linear(in_features=784, out_features=128, bias=true)\n  (1): ReLU()\n  (2): Linear(in_features=128, out_features=10, bias=true)\n)');
  });

  it('train() and eval() reach every module; apply visits each', () => {
    const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Dropout(0.5));
    model.eval();
    expect(model.modules().every((m) => !m.training)).toBe(true);
    model.train();
    const visited: string[] = [];
    model.apply((m) => visited.push(m.constructor.name));
    expect(visited).toEqual(['Dropout', 'Linear', 'Sequential']);
  });

  it('strict loading names missing keys, unexpected keys and shape mismatches', async () => {
    const model = new nn.Linear(3, 2);
    expect(() => model.loadStateDict({ weight: zeros([2, 3]), extra: zeros([1]) })).toThrow(
      'loadStateDict: Linear cannot load this state dict (missing keys: bias; unexpected keys: extra)',
    );
    expect(() => model.loadStateDict({ weight: zeros([3, 2]), bias: zeros([2]) })).toThrow('shape mismatches: weight: expected shape [2, 3], got [3, 2]');
    const result = model.loadStateDict({ weight: ones([2, 3]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ['bias'], unexpectedKeys: [] });
    expect(await model.weight.array()).toEqual([[1, 1, 1], [1, 1, 1]]);
  });

  it('trains: gradients reach every parameter; zeroGrad clears them', () => {
    manualSeed(3);
    const model = new TwoLayer();
    tidy(() => model.forward(tensor([[1, 2, 3]])).sum().backward());
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('a forward pass in tidy leaves memory flat, and dispose frees the model', () => {
    const before = memory();
    const model = new TwoLayer();
    const afterBuild = memory().tensors;
    for (let i = 0; i < 3; i++) tidy(() => {
      model.forward(tensor([[1, 2, 3]])).sum().backward();
      model.zeroGrad();
    });
    expect(memory().tensors).toBe(afterBuild);
    model.dispose();
    expect(memory()).toEqual(before);
  });

  it('Embedding zeroes its padding row and gives it no gradient', async () => {
    const embedding = new nn.Embedding(4, 2, { paddingIdx: 1 });
    expect((await embedding.weight.array() as number[][])[1]).toEqual([0, 0]);
    tidy(() => embedding.forward(tensor([1, 1, 3], [3], 'int32')).sum().backward());
    const grad = await embedding.weight.grad!.array() as number[][];
    expect(grad[1]).toEqual([0, 0]);
    expect(grad[3]).toEqual([1, 1]);
  });

  it('bad constructor arguments get clear errors', () => {
    expect(() => new nn.Linear(0, 3)).toThrow('Linear: inFeatures must be a positive integer, got 0');
    expect(() => new nn.Dropout(1.5)).toThrow('Dropout: p must be in [0, 1], got 1.5');
    expect(() => new nn.Embedding(3, 2, { paddingIdx: 5 })).toThrow('Embedding: paddingIdx must be an integer in [-3, 2], got 5');
    expect(() => new nn.Linear(3, 2).forward(zeros([2, 4]))).toThrow('linear: input has 4 features (shape [2, 4]), the weight expects 3 (weight shape [2, 3])');
  });
});
