import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, type TrainOptions } from './options.js';
import { train } from './train.js';

const quiet = { write: () => {}, interactive: false, stop: { requested: false } };
const options = (...argv: string[]) => parseOptions(['--out', join(mkdtempSync(join(tmpdir(), 'neurite-mnist-')), 'checkpoint.safetensors'), ...argv]) as TrainOptions;

/** Every parameter's values, by name, as bit patterns (so -0 and NaN payloads count too). */
async function weightBits(result: Awaited<ReturnType<typeof train>>): Promise<Map<string, Uint32Array>> {
  const bits = new Map<string, Uint32Array>();
  for (const [name, parameter] of result.model.namedParameters()) bits.set(name, new Uint32Array((await parameter.data()).slice().buffer));
  return bits;
}

// The worker pool splits each op among its threads with the CPU's kernels and summation order, so
// an epoch of training (forward, backward, fused Adam, on every batch) ends on the same bits.
describe('the MNIST MLP on the worker backend', () => {
  it('ends an epoch with every weight bit-identical to the CPU backend, same seed', async () => {
    const cpu = await train(options('--model', 'mlp', '--epochs', '1', '--seed', '4', '--backend', 'cpu'), quiet);
    const worker = await train(options('--model', 'mlp', '--epochs', '1', '--seed', '4', '--backend', 'worker'), quiet);
    expect(worker.model.parameters()[0].backend.name).toBe('worker');
    const [expected, actual] = [await weightBits(cpu), await weightBits(worker)];
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [name, values] of expected) {
      const other = actual.get(name)!;
      const differing = values.findIndex((bits, index) => bits !== other[index]);
      expect(differing, `${name}: first differing element`).toBe(-1);
    }
    expect(worker.evaluation!.accuracy).toBe(cpu.evaluation!.accuracy);
    expect(worker.epochs).toEqual(cpu.epochs);
    cpu.model.dispose();
    worker.model.dispose();
  }, 120_000);
});
