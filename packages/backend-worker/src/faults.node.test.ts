import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { DataId, PluginKernels } from '@neurite/backend';
import { createWorkerBackend, type WorkerBackend } from './index.js';

const FAULTY = new URL('./__fixtures__/faulty-kernels.mjs', import.meta.url).href;
const vector = (length: number) => ({ shape: [length], dtype: 'float32' as const });
const kernels = (exportName: string): PluginKernels<never> => ({ worker: { specifier: FAULTY, exportName } });

let backend: WorkerBackend | undefined;
afterEach(() => backend?.dispose());

async function started(options: Parameters<typeof createWorkerBackend>[0] = {}): Promise<WorkerBackend> {
  backend = createWorkerBackend({ workers: 2, ...options });
  await backend.initialize();
  return backend;
}

function call(pool: WorkerBackend, name: string, input: DataId, length: number): DataId {
  return pool.extensionKernel(name)!([{ dataId: input, ...vector(length) }], {} as never, vector(length));
}

describe('a worker that dies', () => {
  it('fails the pending read, naming the worker and the op, then every later op; setBackend starts a new pool', async () => {
    const pool = await started();
    pool.registerKernel('test.exitThread', kernels('exitThread'));
    pool.registerKernel('test.double', kernels('double'));
    const input = pool.upload(new Float32Array([1, 2, 3]), 'float32');
    const before = call(pool, 'test.double', input, 3);
    expect(Array.from(await pool.read(before, 'float32', 3))).toEqual([2, 4, 6]);
    const doomed = call(pool, 'test.exitThread', input, 3);
    await expect(pool.read(doomed, 'float32', 3)).rejects.toThrow(/^backend 'worker': worker 1 of 2 exited with code 7 while running 'test\.exitThread'\. The pool has stopped/);
    expect(() => call(pool, 'test.double', input, 3)).toThrow(/worker 1 of 2 exited with code 7/);
    await expect(pool.sync()).rejects.toThrow(/worker 1 of 2 exited with code 7/);

    // initialize() is what setBackend calls again: a new pool over the same heap.
    await pool.initialize();
    expect(Array.from(await pool.read(before, 'float32', 3))).toEqual([2, 4, 6]);
    expect(Array.from(await pool.read(call(pool, 'test.double', input, 3), 'float32', 3))).toEqual([2, 4, 6]);
    await expect(pool.read(doomed, 'float32', 3)).rejects.toThrow(/still being computed when an earlier worker pool of backend 'worker' failed/);
  });

  it('a kernel that throws is a recorded error, not a dead pool', async () => {
    const pool = await started();
    pool.registerKernel('test.throwing', kernels('throwing'));
    pool.registerKernel('test.double', kernels('double'));
    const input = pool.upload(new Float32Array([1, 2]), 'float32');
    call(pool, 'test.throwing', input, 2);
    await expect(pool.sync()).rejects.toThrow('faulty kernel: cannot read the input');
    expect(Array.from(await pool.read(call(pool, 'test.double', input, 2), 'float32', 2))).toEqual([2, 4]);
  });

  it('a worker module that is missing or lacks the export is named in the error', async () => {
    const pool = await started();
    pool.registerKernel('test.missing', { worker: { specifier: new URL('./__fixtures__/absent.mjs', import.meta.url).href, exportName: 'f' } });
    pool.registerKernel('test.noExport', kernels('nothingByThatName'));
    const input = pool.upload(new Float32Array([1]), 'float32');
    call(pool, 'test.missing', input, 1);
    await expect(pool.sync()).rejects.toThrow(/^test\.missing: the worker could not import its kernel module '.*absent\.mjs'/);
    call(pool, 'test.noExport', input, 1);
    await expect(pool.sync()).rejects.toThrow(/^test\.noExport: the worker kernel module '.*faulty-kernels\.mjs' has no function export 'nothingByThatName' \(it exports: .*double/);
  });
});

describe('reads', () => {
  it('many reads awaiting different points of the queue at once all resolve, with the right values', async () => {
    const pool = await started({ thresholds: { inlineMaxElements: -1 } });
    const size = 1 << 16;
    let x = pool.fill(size, 1, 'float32');
    const reads: Promise<number>[] = [];
    for (let step = 1; step <= 12; step++) {
      const next = pool.kernels.add([{ dataId: x, ...vector(size) }, { dataId: x, ...vector(size) }], {}, vector(size));
      x = next;
      // Each read waits for a later point of the queue; none may be left waiting.
      reads.push(pool.read(next, 'float32', size).then((values) => values[size - 1]));
    }
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 12 }, (_, index) => 2 ** (index + 1)));
  });
});

describe('limits and refusals', () => {
  it('running out of shared memory names the size, and the backend goes on', async () => {
    const pool = await started({ maximumBytes: 8 << 20 });
    expect(() => pool.fill(4 << 20, 1, 'float32')).toThrow(/^cpu heap: cannot allocate 16777216 bytes: .* capped at 8388608 bytes \(maximumBytes\)/);
    expect(Array.from(await pool.read(pool.fill(2, 5, 'float32'), 'float32', 2))).toEqual([5, 5]);
  });

  it('refuses work before it has started', () => {
    const idle = createWorkerBackend({ workers: 1 });
    expect(() => idle.fill(1, 0, 'float32')).toThrow("upload: backend 'worker' has not started; await setBackend('worker') first");
    expect(() => idle.registerKernel('test.double', kernels('double'))).toThrow("registerKernel: backend 'worker' has not started; await setBackend('worker') (or initialize()) first");
    idle.dispose();
  });

  it('refuses readSync, and a worker count out of range', async () => {
    const pool = await started();
    expect(pool.capabilities.synchronousRead).toBe(false);
    expect(() => pool.readSync()).toThrow(/readSync: the 'worker' backend runs its work on worker threads and reads only asynchronously; use await tensor\.data\(\)/);
    expect(() => createWorkerBackend({ workers: 0 })).toThrow('createWorkerBackend: workers must be an integer from 1 to 60, got 0');
  });

  it('dispose ends the workers: pending reads reject, later use is refused', async () => {
    const pool = await started({ thresholds: { inlineMaxElements: -1 } });
    const big = pool.fill(1 << 20, 1, 'float32');
    const sum = pool.kernels.sum([{ dataId: big, shape: [1 << 20], dtype: 'float32' }], { axes: [0] }, { shape: [], dtype: 'float32' });
    const pending = pool.read(sum, 'float32', 1);
    pool.dispose();
    await expect(pending).rejects.toThrow("backend 'worker' was disposed while work was pending");
    expect(() => pool.fill(1, 0, 'float32')).toThrow("upload: backend 'worker' has been disposed");
    await expect(pool.initialize()).rejects.toThrow("backend 'worker' has been disposed; make a new one");
  });
});

describe('a Node process using the worker backend', () => {
  const entry = new URL('../dist/index.js', import.meta.url).href;
  const script = (body: string) => `
    const { createWorkerBackend } = await import(${JSON.stringify(entry)});
    const pool = createWorkerBackend({ workers: 2 });
    await pool.initialize();
    const x = pool.fill(100000, 2, 'float32');
    const y = pool.kernels.mul([{ dataId: x, shape: [100000], dtype: 'float32' }, { dataId: x, shape: [100000], dtype: 'float32' }], {}, { shape: [100000], dtype: 'float32' });
    console.log((await pool.read(y, 'float32', 100000))[99999]);
    ${body}`;
  const run = (body: string) => spawnSync(process.execPath, ['--input-type=module', '-e', script(body)], { encoding: 'utf8', timeout: 20_000 });

  it('exits by itself once its work is done, disposed or not (the workers never hold it open)', () => {
    for (const body of ['', 'pool.dispose();']) {
      const result = run(body);
      expect(result.error, result.stderr).toBeUndefined();
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe('4');
    }
  });
});
