import fixtures from '../__fixtures__/ops.json';
// The package's public entry, not its sources: the suite must share one copy of Tensor (and of
// the memory tracker) with the code under test. tsup keeps this import external.
import * as ops from '@neurite/tensor';
import type { DType, Tensor } from '@neurite/tensor';
import { expectClose } from './compare.js';

/**
 * Every op of @neurite/tensor, forward and backward, against values computed by PyTorch
 * (tools/fixtures/generate_op_fixtures.py), on any backend: the op-level conformance suite a new
 * backend runs besides the kernel-level kit of @neurite/backend. Reads are asynchronous only.
 */

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
  add: ([x, y], a) => (y ? x.add(y) : ops.add(x, n(a, 'scalar'))),
  mul: ([x, y], a) => (y ? ops.mul(x, y) : x.mul(n(a, 'scalar'))),
  where: ([c, x, y]) => ops.where(c, x, y),
  cast: ([x], a) => x.cast(a.dtype as DType),
  sum: ([x], a) => x.sum(a.axis as number | number[] | undefined, a.keepDims as boolean | undefined),
  mean: ([x], a) => ops.mean(x, a.axis as number | undefined, a.keepDims as boolean | undefined),
  max: ([x], a) => x.max(a.axis as number | undefined, a.keepDims as boolean | undefined),
  min: ([x], a) => ops.min(x, a.axis as number | undefined, a.keepDims as boolean | undefined),
  prod: ([x], a) => x.prod(n(a, 'axis')),
  var: ([x], a) => x.var(n(a, 'axis'), (a.keepDims as boolean) ?? false, { correction: (a.correction as number) ?? 1 }),
  std: ([x]) => ops.std(x),
  logSumExp: ([x], a) => x.logSumExp(n(a, 'axis')),
  argmax: ([x], a) => x.argmax(n(a, 'axis')),
  argmin: ([x]) => ops.argmin(x),
  softmax: ([x], a) => x.softmax(n(a, 'axis')),
  logSoftmax: ([x], a) => ops.logSoftmax(x, n(a, 'axis')),
  matmul: ([x, y], a) => x.matmul(y, { transposeA: a.transposeA as boolean, transposeB: a.transposeB as boolean }),
  reshape: ([x], a) => x.reshape(list(a, 'shape')),
  flatten: ([x], a) => ops.flatten(x, n(a, 'startDim')),
  transpose: ([x], a) => x.transpose(n(a, 'dim0'), n(a, 'dim1')),
  permute: ([x], a) => ops.permute(x, list(a, 'perm')),
  squeeze: ([x], a) => x.squeeze(a.axis as number | undefined),
  unsqueeze: ([x], a) => ops.unsqueeze(x, n(a, 'axis')),
  expand: ([x], a) => x.expand(list(a, 'shape')),
  concat: (xs, a) => ops.concat(xs, n(a, 'axis')),
  stack: (xs, a) => ops.stack(xs, n(a, 'axis')),
  split: ([x], a) => x.split(a.size as number | number[], n(a, 'axis')),
  chunk: ([x], a) => ops.chunk(x, n(a, 'chunks'), n(a, 'axis')),
  narrow: ([x], a) => x.narrow(n(a, 'dim'), n(a, 'start'), n(a, 'length')),
  slice: ([x], a) => x.slice(list(a, 'begin'), list(a, 'size')),
  pad: ([x], a) => ops.pad(x, list(a, 'paddings'), n(a, 'value')),
  tile: ([x], a) => x.tile(list(a, 'reps')),
  flip: ([x], a) => x.flip(list(a, 'axes')),
  indexSelect: ([x, i], a) => x.indexSelect(n(a, 'axis'), i),
  gather: ([x, i], a) => ops.gather(x, n(a, 'axis'), i),
  scatterAdd: ([x, i, s], a) => x.scatterAdd(n(a, 'axis'), i, s),
  oneHot: ([i], a) => ops.oneHot(i, n(a, 'numClasses')),
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

const make = (f: TensorFixture) => ops.tensor(f.values, f.shape, f.dtype);

/** Runs one fixture case on the active backend; throws on the first difference. */
async function checkCase(testCase: OpCase, atol: number, rtol: number): Promise<void> {
  const inputs = testCase.inputs.map(make);
  if (testCase.gradOutputs) for (const x of inputs) if (x.dtype === 'float32') x.requiresGrad = true;
  const outputs = call(testCase, inputs);
  if (outputs.length !== testCase.outputs.length) throw new Error(`${testCase.name}: ${outputs.length} outputs, PyTorch gives ${testCase.outputs.length}`);
  for (const [k, output] of outputs.entries()) {
    const expected = testCase.outputs[k];
    if (output.shape.join() !== expected.shape.join() || output.dtype !== expected.dtype) {
      throw new Error(`${testCase.name} output ${k}: [${output.shape}] ${output.dtype}, PyTorch gives [${expected.shape}] ${expected.dtype}`);
    }
    expectClose(await output.data(), expected.values, `${testCase.name} output ${k}`, atol, rtol);
  }
  if (testCase.gradOutputs) {
    const loss = ops.tidy(() => outputs.map((o, k) => o.mul(make(testCase.gradOutputs![k])).sum()).reduce((total, term) => total.add(term)));
    loss.backward();
    for (const [k, expected] of testCase.grads!.entries()) {
      if (!expected) continue;
      const grad = inputs[k].grad;
      if (!grad) throw new Error(`${testCase.name}: input ${k} got no gradient`);
      expectClose(await grad.data(), expected.values, `${testCase.name} gradient of input ${k}`, atol, rtol);
    }
    loss.dispose();
  }
  ops.dispose([...inputs, ...outputs]);
}

export interface OpConformanceOptions {
  /** The registered backend to run on (made active for the suite, and the previous one restored). */
  readonly backend: string;
  readonly atol?: number;
  readonly rtol?: number;
}

/** The vitest/jest-style functions the suite registers its tests with. */
export interface OpTestRegistrar {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

/** Registers one test per op case: `describeOpConformance({ describe, it }, { backend: 'webgpu' })`. */
export function describeOpConformance(test: OpTestRegistrar, options: OpConformanceOptions): void {
  const { atol = 1e-5, rtol = 1e-4 } = options;
  test.describe(`ops match PyTorch on '${options.backend}', forward and backward`, () => {
    for (const testCase of (fixtures as { cases: OpCase[] }).cases) {
      test.it(testCase.name, async () => {
        const previous = ops.getBackend().name;
        await ops.setBackend(options.backend);
        try {
          await checkCase(testCase, atol, rtol);
        } finally {
          await ops.setBackend(previous);
        }
      });
    }
  });
}
