import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '@neurite/tensor/testing';
import { arange, checkLeaks, dispose, Generator, manualSeed, tensor, type Tensor } from '@neurite/tensor';
import { DataLoader, TensorDataset, type Dataset } from './index.js';

type Item = { input: Tensor; target: Tensor };

/** n items: input [i, i] (float32), target i (int32). */
function makeDataset(n: number): TensorDataset<Item> {
  return new TensorDataset({ input: arange(0, n).reshape([n, 1]).tile([1, 2]), target: arange(0, n, 1, 'int32') });
}

/** The targets of every batch of one epoch, disposing each batch as a training loop should. */
async function epochTargets(loader: Iterable<Item>): Promise<number[][]> {
  const batches: number[][] = [];
  for (const batch of loader) {
    batches.push(Array.from(await batch.target.data()));
    dispose(batch);
  }
  return batches;
}

async function epochTargetsAsync(loader: AsyncIterable<Item>): Promise<number[][]> {
  const batches: number[][] = [];
  for await (const batch of loader) {
    batches.push(Array.from(await batch.target.data()));
    dispose(batch);
  }
  return batches;
}

describeEachBackend({ describe, beforeAll, afterAll }, 'DataLoader', () => {
  it('makes ceil(n / batchSize) batches in order, the last one short', async () => {
    const dataset = makeDataset(10);
    const loader = new DataLoader(dataset, { batchSize: 4 });
    expect(loader.length).toBe(3);
    expect(await epochTargets(loader)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(new DataLoader(dataset).length).toBe(10);
    dataset.dispose();
  });

  it('drops the short last batch with dropLast', async () => {
    const dataset = makeDataset(10);
    const loader = new DataLoader(dataset, { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect(await epochTargets(loader)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(new DataLoader(dataset, { batchSize: 5, dropLast: true }).length).toBe(2);
    dataset.dispose();
  });

  it('batches are stacked records with a leading batch axis', async () => {
    const dataset = makeDataset(6);
    const [first] = new DataLoader(dataset, { batchSize: 4 });
    expect(first.input.shape).toEqual([4, 2]);
    expect(first.target.shape).toEqual([4]);
    expect(first.target.dtype).toBe('int32');
    dispose(first);
    dataset.dispose();
  });

  it('shuffles reproducibly with a seeded generator, with a new order each epoch', async () => {
    const dataset = makeDataset(20);
    const run = async (seed: number) => {
      const loader = new DataLoader(dataset, { batchSize: 5, shuffle: true, generator: new Generator(seed) });
      return [await epochTargets(loader), await epochTargets(loader)];
    };
    const [epoch1, epoch2] = await run(7);
    expect(await run(7)).toEqual([epoch1, epoch2]);
    expect(epoch1).not.toEqual(epoch2);
    expect((await run(8))[0]).not.toEqual(epoch1);
    for (const epoch of [epoch1, epoch2]) expect(epoch.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(epoch1.flat()).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    dataset.dispose();
  });

  it('shuffles from the default generator that manualSeed seeds', async () => {
    const dataset = makeDataset(12);
    const loader = new DataLoader(dataset, { batchSize: 12, shuffle: true });
    manualSeed(3);
    const first = await epochTargets(loader);
    manualSeed(3);
    expect(await epochTargets(loader)).toEqual(first);
    dataset.dispose();
  });

  it('gives the same batches to for and for await', async () => {
    const dataset = makeDataset(9);
    const sync = await epochTargets(new DataLoader(dataset, { batchSize: 2, shuffle: true, generator: new Generator(1) }));
    for (const prefetch of [true, false]) {
      const loader = new DataLoader(dataset, { batchSize: 2, shuffle: true, generator: new Generator(1), prefetch });
      expect(await epochTargetsAsync(loader)).toEqual(sync);
    }
    dataset.dispose();
  });

  it('uses a custom collate on the items instead of the batch fast path', async () => {
    const dataset = makeDataset(5);
    const seen: number[] = [];
    const loader = new DataLoader(dataset, {
      batchSize: 2,
      collate: (items) => {
        seen.push(items.length);
        return items.map((item) => item.target).reduce((a, b) => a.add(b));
      },
    });
    const sums: number[] = [];
    for (const sum of loader) {
      sums.push((await sum.data())[0]);
      sum.dispose();
    }
    expect(sums).toEqual([1, 5, 4]);
    expect(seen).toEqual([2, 2, 1]);
    dataset.dispose();
  });

  it('collates items of a plain dataset, numbers included', async () => {
    const dataset: Dataset<{ pixels: Tensor; label: number }> = { length: 3, get: (i) => ({ pixels: tensor([i, i]), label: i * 2 }) };
    const report = await checkLeaks(async () => {
      const batches = [...new DataLoader(dataset, { batchSize: 3 })];
      expect(batches).toHaveLength(1);
      expect(batches[0].pixels.shape).toEqual([3, 2]);
      expect(batches[0].label.dtype).toBe('int32');
      expect(Array.from(await batches[0].label.data())).toEqual([0, 2, 4]);
      dispose(batches[0]);
    });
    expect(report.leaked).toBe(0);
  });

  it('leaks nothing over an epoch when the caller disposes the batches', async () => {
    const dataset = makeDataset(50);
    const plain: Dataset<Item> = { length: dataset.length, get: (i) => dataset.get(i) };
    // checkLeaks counts only this test's tensors: while it awaits reads, the FinalizationRegistry may
    // free other tests' garbage, which would move a plain before/after count of memory().
    const report = await checkLeaks(async () => {
      for (const source of [dataset, plain]) {
        await epochTargets(new DataLoader(source, { batchSize: 8, shuffle: true }));
        await epochTargetsAsync(new DataLoader(source, { batchSize: 8, shuffle: true }));
        await epochTargetsAsync(new DataLoader(source, { batchSize: 8, prefetch: false }));
      }
    });
    expect(report).toEqual({ leaked: 0, sites: [] });
    dataset.dispose();
  });

  it('prefetches the next batch before handing out the current one', async () => {
    const dataset = makeDataset(6);
    const built: number[][] = [];
    const recording: Dataset<Item> = { length: 6, get: (i) => dataset.get(i), getBatch: (indices) => (built.push([...indices]), dataset.getBatch(indices)) };
    for (const prefetch of [true, false]) {
      built.length = 0;
      const seenAtHandOut: number[] = [];
      for await (const batch of new DataLoader(recording, { batchSize: 2, prefetch })) {
        seenAtHandOut.push(built.length);
        dispose(batch);
      }
      expect(seenAtHandOut).toEqual(prefetch ? [2, 3, 3] : [1, 2, 3]);
    }
    dataset.dispose();
  });

  it('frees the prefetched batch when the loop stops early', async () => {
    const dataset = makeDataset(10);
    const stopped = await checkLeaks(async () => {
      for await (const batch of new DataLoader(dataset, { batchSize: 2 })) {
        dispose(batch);
        break;
      }
    });
    expect(stopped.leaked).toBe(0);
    const failed = await checkLeaks(async () => {
      await expect(async () => {
        for await (const batch of new DataLoader(dataset, { batchSize: 2 })) {
          dispose(batch);
          throw new Error('step failed');
        }
      }).rejects.toThrow('step failed');
    });
    expect(failed.leaked).toBe(0);
    dataset.dispose();
  });

  it('iterates an empty dataset as zero batches', async () => {
    const empty: Dataset<number> = { length: 0, get: () => 0 };
    const loader = new DataLoader(empty, { batchSize: 4, shuffle: true });
    expect(loader.length).toBe(0);
    expect([...loader]).toEqual([]);
    for await (const _ of loader) throw new Error('no batch expected');
  });

  it('rejects bad options, naming the option and the value', async () => {
    const dataset = makeDataset(2);
    const make = (options: object) => () => new DataLoader(dataset, options as never);
    expect(make({ batchSize: 0 })).toThrow('DataLoader: batchSize must be a positive integer, got 0');
    expect(make({ batchSize: 2.5 })).toThrow('DataLoader: batchSize must be a positive integer, got 2.5');
    expect(make({ batchSize: '64' })).toThrow("DataLoader: batchSize must be a positive integer, got '64' (a string)");
    expect(make({ shuffle: 'yes' })).toThrow("DataLoader: shuffle must be true or false, got 'yes' (a string)");
    expect(make({ dropLast: 1 })).toThrow('DataLoader: dropLast must be true or false, got 1');
    expect(make({ prefetch: null })).toThrow('DataLoader: prefetch must be true or false, got null');
    expect(make({ generator: 42 })).toThrow('DataLoader: generator must be a Generator, got 42');
    expect(make({ collate: 'stack' })).toThrow("DataLoader: collate must be a function, got 'stack' (a string)");
    expect(make({ batch_size: 8 })).toThrow("DataLoader: unknown option 'batch_size' (known: batchSize, shuffle, generator, dropLast, collate, prefetch)");
    expect(() => new DataLoader([1, 2] as never)).toThrow('DataLoader: expected a dataset (an object with an integer length and a get(index) method), got an array of length 2');
    dataset.dispose();
  });
});
