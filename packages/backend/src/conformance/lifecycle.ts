import type { Backend } from '../backend.js';
import { KernelDataError } from '../plugin-kernels.js';
import type { TestRegistrar } from './run.js';

/**
 * The parts of the contract that are about time rather than values: buffers released while work
 * still needs them, reads racing releases, `sync()`, deferred data errors, and honest byte counts.
 * A backend that runs kernels at once passes them trivially; a queued one must earn it.
 */

const f32 = (values: number[]) => Float32Array.from(values);

async function settle(backend: Backend): Promise<unknown> {
  try {
    await backend.sync();
    return undefined;
  } catch (error) {
    return error;
  }
}

export function describeLifecycleConformance(test: TestRegistrar, backendOf: () => Promise<Backend>): void {
  test.describe('buffer lifetime, sync and errors', () => {
    test.it('a read issued before a release resolves with the values', async () => {
      const backend = await backendOf();
      const x = backend.upload(f32([1, -2, 3]), 'float32');
      const y = backend.kernels.neg([{ dataId: x, shape: [3], dtype: 'float32' }], {}, { shape: [3], dtype: 'float32' });
      backend.release(x);
      const pending = backend.read(y, 'float32', 3);
      backend.release(y);
      const values = Array.from(await pending);
      if (values.join() !== '-1,2,-3') throw new Error(`read before release gave [${values}], expected [-1, 2, -3]`);
    });

    test.it('a read after a release is refused', async () => {
      const backend = await backendOf();
      const x = backend.upload(f32([1]), 'float32');
      backend.release(x);
      let refused = false;
      try {
        await backend.read(x, 'float32', 1);
      } catch {
        refused = true;
      }
      if (!refused) throw new Error('a read of a released buffer resolved');
    });

    test.it('sync waits for queued work, and memory returns to where it was once buffers are released', async () => {
      const backend = await backendOf();
      await backend.sync();
      const before = backend.memory();
      const x = backend.fill(4096, 2, 'float32');
      let y = x;
      for (let i = 0; i < 8; i++) {
        const next = backend.kernels.mul([{ dataId: y, shape: [4096], dtype: 'float32' }, { dataId: x, shape: [4096], dtype: 'float32' }], {}, { shape: [4096], dtype: 'float32' });
        if (y !== x) backend.release(y);
        y = next;
      }
      backend.release(x);
      await backend.sync();
      const values = await backend.read(y, 'float32', 4096);
      if (values[4095] !== 512) throw new Error(`2⁹ computed as ${values[4095]}`);
      backend.release(y);
      await backend.sync();
      const after = backend.memory();
      if (after.buffers !== before.buffers || after.bytes !== before.bytes) {
        throw new Error(`memory was ${JSON.stringify(before)} and is ${JSON.stringify(after)} after every buffer made was released`);
      }
    });

    test.it('counts the bytes it really holds, bool included', async () => {
      const backend = await backendOf();
      await backend.sync();
      const before = backend.memory().bytes;
      const flags = backend.upload(new Uint8Array(10), 'bool');
      const counted = backend.memory().bytes - before;
      backend.release(flags);
      if (counted !== 10 * backend.bytesPerElement('bool')) {
        throw new Error(`10 bools count ${counted} bytes; bytesPerElement('bool') says ${backend.bytesPerElement('bool')} each`);
      }
    });

    test.it('upload takes only the typed array of the dtype', async () => {
      const backend = await backendOf();
      let refused = false;
      try {
        backend.release(backend.upload(new Float32Array([1.5]), 'int32'));
      } catch {
        refused = true;
      }
      if (!refused) throw new Error('upload accepted a Float32Array as int32 values');
    });

    test.it('reports an index out of range in the op\'s words, then keeps working', async () => {
      const backend = await backendOf();
      const x = backend.upload(f32([1, 2, 3]), 'float32');
      const index = backend.upload(Int32Array.from([0, 7]), 'int32');
      let error: unknown;
      try {
        const bad = backend.kernels.gather(
          [{ dataId: x, shape: [3], dtype: 'float32' }, { dataId: index, shape: [2], dtype: 'int32' }],
          { axis: 0, label: { op: 'crossEntropy', what: 'target', range: 'classes' } },
          { shape: [2], dtype: 'float32' },
        );
        backend.release(bad);
      } catch (thrown) {
        error = thrown; // a backend that runs kernels at once throws here
      }
      error ??= await settle(backend); // a queued one rejects the next sync
      const expected = 'crossEntropy: target 7 is out of range for 3 classes';
      if (!(error instanceof KernelDataError) && !(error instanceof Error && error.name === 'KernelDataError')) throw new Error(`expected a KernelDataError '${expected}', got ${String(error)}`);
      if ((error as Error).message !== expected) throw new Error(`the error says '${(error as Error).message}', expected '${expected}'`);
      const after = await settle(backend);
      if (after !== undefined) throw new Error(`the error was reported twice: ${String(after)}`);
      const y = backend.kernels.neg([{ dataId: x, shape: [3], dtype: 'float32' }], {}, { shape: [3], dtype: 'float32' });
      const values = Array.from(await backend.read(y, 'float32', 3));
      for (const id of [x, index, y]) backend.release(id);
      if (values.join() !== '-1,-2,-3') throw new Error(`after the error, neg gave [${values}]`);
    });
  });
}
