import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/ops.json';
import type { DType } from '@neurite/backend';
import { Tensor } from './tensor.js';
import * as nt from './index.js';
import { expectClose } from './testing/compare.js';

/** Forward values and gradients of every op against PyTorch (tools/fixtures/generate_op_fixtures.py). */

interface TensorFixture { shape: number[]; dtype: DType; values: number[] }
interface OpCase {
  name: string;
  op: string;
  args: Record<string, unknown>;
  inputs: TensorFixture[];
  outputs: TensorFixture[];
  gradOutputs?: TensorFixture[];
  grads?: (TensorFixture | null)[];
}

type Args = Record<string, unknown>;
const n = (args: Args, key: string) => args[key] as number;
const list = (args: Args, key: string) => args[key] as number[];

/** How each fixture's `op` is called in Neurite. */
const calls: Record<string, (inputs: Tensor[], args: Args) => Tensor | Tensor[]> = {
  leakyRelu: ([x], a) => x.leakyRelu(n(a, 'negativeSlope')),
  gelu: ([x], a) => x.gelu(a.approximate as 'tanh' | undefined),
  clamp: ([x], a) => x.clamp(a.min as number | undefined, a.max as number | undefined),
  pow: ([x, y], a) => x.pow(y ?? n(a, 'exponent')),
  add: ([x, y], a) => (y ? x.add(y) : nt.add(x, n(a, 'scalar'))),
  mul: ([x, y], a) => (y ? nt.mul(x, y) : x.mul(n(a, 'scalar'))),
  where: ([c, x, y]) => nt.where(c, x, y),
  cast: ([x], a) => x.cast(a.dtype as DType),
  sum: ([x], a) => x.sum(a.axis as number | number[] | undefined, a.keepDims as boolean | undefined),
  mean: ([x], a) => nt.mean(x, a.axis as number | undefined, a.keepDims as boolean | undefined),
  max: ([x], a) => x.max(a.axis as number | undefined, a.keepDims as boolean | undefined),
  min: ([x], a) => nt.min(x, a.axis as number | undefined, a.keepDims as boolean | undefined),
  prod: ([x], a) => x.prod(n(a, 'axis')),
  var: ([x], a) => x.var(n(a, 'axis'), (a.keepDims as boolean) ?? false, { correction: (a.correction as number) ?? 1 }),
  std: ([x]) => nt.std(x),
  logSumExp: ([x], a) => x.logSumExp(n(a, 'axis')),
  argmax: ([x], a) => x.argmax(n(a, 'axis')),
  argmin: ([x]) => nt.argmin(x),
  softmax: ([x], a) => x.softmax(n(a, 'axis')),
  logSoftmax: ([x], a) => nt.logSoftmax(x, n(a, 'axis')),
  matmul: ([x, y], a) => x.matmul(y, { transposeA: a.transposeA as boolean, transposeB: a.transposeB as boolean }),
  reshape: ([x], a) => x.reshape(list(a, 'shape')),
  flatten: ([x], a) => nt.flatten(x, n(a, 'startDim')),
  transpose: ([x], a) => x.transpose(n(a, 'dim0'), n(a, 'dim1')),
  permute: ([x], a) => nt.permute(x, list(a, 'perm')),
  squeeze: ([x], a) => x.squeeze(a.axis as number | undefined),
  unsqueeze: ([x], a) => nt.unsqueeze(x, n(a, 'axis')),
  expand: ([x], a) => x.expand(list(a, 'shape')),
  concat: (xs, a) => nt.concat(xs, n(a, 'axis')),
  stack: (xs, a) => nt.stack(xs, n(a, 'axis')),
  split: ([x], a) => x.split(a.size as number | number[], n(a, 'axis')),
  chunk: ([x], a) => nt.chunk(x, n(a, 'chunks'), n(a, 'axis')),
  narrow: ([x], a) => x.narrow(n(a, 'dim'), n(a, 'start'), n(a, 'length')),
  slice: ([x], a) => x.slice(list(a, 'begin'), list(a, 'size')),
  pad: ([x], a) => nt.pad(x, list(a, 'paddings'), n(a, 'value')),
  tile: ([x], a) => x.tile(list(a, 'reps')),
  flip: ([x], a) => x.flip(list(a, 'axes')),
  indexSelect: ([x, i], a) => x.indexSelect(n(a, 'axis'), i),
  gather: ([x, i], a) => nt.gather(x, n(a, 'axis'), i),
  scatterAdd: ([x, i, s], a) => x.scatterAdd(n(a, 'axis'), i, s),
  oneHot: ([i], a) => nt.oneHot(i, n(a, 'numClasses')),
};

/** Ops whose fixture is called as the method of the same name with no extra arguments. */
function call(testCase: OpCase, inputs: Tensor[]): Tensor[] {
  const custom = calls[testCase.op];
  if (custom) {
    const result = custom(inputs, testCase.args);
    return Array.isArray(result) ? result : [result];
  }
  const method = (inputs[0] as unknown as Record<string, (...xs: Tensor[]) => Tensor>)[testCase.op];
  if (typeof method !== 'function') throw new Error(`no Neurite call for fixture op '${testCase.op}'`);
  return [method.call(inputs[0], ...inputs.slice(1))];
}

const make = (f: TensorFixture) => nt.tensor(f.values, f.shape, f.dtype);

describe('ops match PyTorch, forward and backward', () => {
  for (const testCase of (fixtures as { cases: OpCase[] }).cases) {
    it(testCase.name, () => {
      const inputs = testCase.inputs.map((f) => make(f));
      if (testCase.gradOutputs) for (const x of inputs) if (x.dtype === 'float32') x.requiresGrad = true;
      const outputs = call(testCase, inputs);
      expect(outputs.length).toBe(testCase.outputs.length);
      outputs.forEach((output, k) => {
        const expected = testCase.outputs[k];
        expect(output.shape).toEqual(expected.shape);
        expect(output.dtype).toBe(expected.dtype);
        expectClose(output.dataSync(), expected.values, `${testCase.name} output ${k}`);
      });
      if (testCase.gradOutputs) {
        const loss = nt.tidy(() =>
          outputs.map((o, k) => o.mul(make(testCase.gradOutputs![k])).sum()).reduce((total, term) => total.add(term)),
        );
        loss.backward();
        testCase.grads!.forEach((expected, k) => {
          if (!expected) return;
          const grad = inputs[k].grad;
          expect(grad, `${testCase.name}: input ${k} got no gradient`).not.toBeNull();
          expectClose(grad!.dataSync(), expected.values, `${testCase.name} gradient of input ${k}`);
        });
        loss.dispose();
      }
      nt.dispose([...inputs, ...outputs]);
    });
  }
});
