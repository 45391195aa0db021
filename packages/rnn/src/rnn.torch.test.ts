import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/rnn.json';
import { tensor, tidy, type Tensor } from '@neurite/tensor';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, type RecurrentOptions, type RNNOptions, type RNNCellOptions, type SequenceLengths } from './index.js';
import { describeEachBackend, expectTensorClose, fromFixture, type TensorFixture } from '@neurite/tensor/testing';

/**
 * RNN, LSTM, GRU and their cells against PyTorch (tools/fixtures/generate_rnn_fixtures.py): the
 * PyTorch state dict loads strictly (so keys and layouts are PyTorch's), then the outputs, final
 * states and the gradients of a random projection of them must match, on every backend under test.
 */

interface RecurrentCase {
  name: string;
  kind: string;
  args: [number, number, Record<string, unknown>];
  state: Record<string, TensorFixture>;
  input: TensorFixture;
  initialState: TensorFixture[] | null;
  lengths: number[] | null;
  outputs: TensorFixture[];
  projections: TensorFixture[];
  inputGrad: TensorFixture;
  initialStateGrads: TensorFixture[];
  paramGrads: Record<string, TensorFixture>;
}

/** A module under test, called the same way whatever its kind: all of its outputs as a list. */
interface Subject {
  module: { loadStateDict(dict: Record<string, Tensor>, options: { strict: boolean }): unknown; namedParameters(): [string, Tensor][]; dispose(): void };
  run(input: Tensor, state: Tensor[] | null, lengths: SequenceLengths | undefined): Tensor[];
}

function subject(testCase: RecurrentCase): Subject {
  const [inputSize, hiddenSize, options] = testCase.args;
  switch (testCase.kind) {
    case 'LSTM': {
      const module = new LSTM(inputSize, hiddenSize, options as RecurrentOptions);
      return { module, run: (x, s, lengths) => { const [out, [h, c]] = module.forward(x, s && [s[0], s[1]], { lengths }); return [out, h, c]; } };
    }
    case 'GRU':
    case 'RNN': {
      const module = testCase.kind === 'GRU' ? new GRU(inputSize, hiddenSize, options as RecurrentOptions) : new RNN(inputSize, hiddenSize, options as RNNOptions);
      return { module, run: (x, s, lengths) => module.forward(x, s && s[0], { lengths }) };
    }
    case 'LSTMCell': {
      const module = new LSTMCell(inputSize, hiddenSize, options);
      return { module, run: (x, s) => [...module.forward(x, s && [s[0], s[1]])] };
    }
    case 'GRUCell':
    case 'RNNCell': {
      const module = testCase.kind === 'GRUCell' ? new GRUCell(inputSize, hiddenSize, options) : new RNNCell(inputSize, hiddenSize, options as RNNCellOptions);
      return { module, run: (x, s) => [module.forward(x, s && s[0])] };
    }
    default:
      throw new Error(`unknown kind ${testCase.kind}`);
  }
}

async function checkCase(testCase: RecurrentCase, lengths: SequenceLengths | undefined): Promise<void> {
  const { module, run } = subject(testCase);
  module.loadStateDict(Object.fromEntries(Object.entries(testCase.state).map(([key, value]) => [key, fromFixture(value)])), { strict: true });
  const input = fromFixture(testCase.input);
  input.requiresGrad = true;
  const initial = testCase.initialState?.map((part) => {
    const leaf = fromFixture(part);
    leaf.requiresGrad = true;
    return leaf;
  }) ?? null;

  const outputs = run(input, initial, lengths);
  expect(outputs.length).toBe(testCase.outputs.length);
  for (const [i, output] of outputs.entries()) await expectTensorClose(output, testCase.outputs[i], `${testCase.name} output ${i}`);

  tidy(() => {
    const projected = outputs.map((output, i) => output.mul(fromFixture(testCase.projections[i])).sum());
    projected.reduce((total, term) => total.add(term)).backward();
  });
  await expectTensorClose(input.grad!, testCase.inputGrad, `${testCase.name} input gradient`);
  for (const [i, leaf] of (initial ?? []).entries()) await expectTensorClose(leaf.grad!, testCase.initialStateGrads[i], `${testCase.name} initial state ${i} gradient`);
  const parameters = Object.fromEntries(module.namedParameters());
  expect(Object.keys(parameters)).toEqual(Object.keys(testCase.paramGrads));
  for (const [name, expected] of Object.entries(testCase.paramGrads)) await expectTensorClose(parameters[name].grad!, expected, `${testCase.name} gradient of ${name}`);

  module.dispose();
  for (const t of [input, ...(initial ?? []), ...outputs]) t.dispose();
}

const cases = fixtures.cases as unknown as RecurrentCase[];

describeEachBackend({ describe, beforeAll, afterAll }, 'recurrent layers and cells match PyTorch, with PyTorch state dicts loaded strictly', () => {
  for (const testCase of cases) {
    it(testCase.name, () => checkCase(testCase, testCase.lengths ?? undefined));
  }

  it('takes lengths as an int32 tensor as well as numbers', async () => {
    for (const testCase of cases.filter((c) => c.lengths)) {
      const lengths = tensor(testCase.lengths!, [testCase.lengths!.length], 'int32');
      await checkCase(testCase, lengths);
      lengths.dispose();
    }
  });
});

// About the fixture file alone (no tensors), so once, not per backend.
describe('the PyTorch fixtures of the recurrent layers', () => {
  it('cover every layer, bidirectional, batchFirst, unbatched input and variable lengths', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell']));
    const layers = cases.filter((c) => !c.kind.endsWith('Cell'));
    expect(layers.some((c) => c.args[2].bidirectional && c.lengths)).toBe(true);
    expect(layers.some((c) => c.args[2].batchFirst && c.initialState)).toBe(true);
    expect(layers.some((c) => c.input.shape.length === 2)).toBe(true);
  });
});
