import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueuedBackend } from '@neurite/backend-cpu/testing';
import {
  backends, getBackend, gradcheck, logSoftmax, logSoftmaxComposite, memory, randn, setBackend, softmax, softmaxComposite, sync, tensor, tidy, to, type Tensor,
} from './index.js';

/** The front end's side of the backend contract: switching, moving tensors, fused composites, sync. */

describe('switching backends', () => {
  it('refuses to make tensors while a setBackend is pending, instead of using the old backend', async () => {
    let finish!: () => void;
    const started = new Promise<void>((resolve) => (finish = resolve));
    backends.register('slow-start', async () => {
      await started;
      return createQueuedBackend({ name: 'slow-start' });
    });
    const previous = getBackend().name;
    const switching = setBackend('slow-start');
    expect(() => tensor([1, 2])).toThrow("getBackend: setBackend('slow-start') has not finished; await it before making tensors");
    finish();
    await switching;
    expect(tensor([1]).backend.name).toBe('slow-start');
    await setBackend(previous);
  });

  it('concurrent setBackend calls share one instance', async () => {
    let made = 0;
    backends.register('made-once', () => {
      made++;
      return createQueuedBackend({ name: 'made-once' });
    });
    const previous = getBackend().name;
    const [a, b] = await Promise.all([setBackend('made-once'), setBackend('made-once')]);
    expect(a).toBe(b);
    expect(made).toBe(1);
    await setBackend(previous);
  });
});

describe('moving tensors between backends', () => {
  const queued = createQueuedBackend({ name: 'queued-to' });
  beforeAll(() => backends.register(queued.name, () => queued));

  it('names a backend that is not ready, and one that does not exist', () => {
    expect(() => tensor([1]).to('queued-to')).toThrow("to: the 'queued-to' backend has not been initialised; await setBackend('queued-to') (or backends.instantiate('queued-to')) first");
    expect(() => tensor([1]).to('nowhere')).toThrow("to: no backend named 'nowhere'");
  });

  it('moves values, and gradients flow back to the source backend', async () => {
    await backends.instantiate('queued-to');
    const x = tensor([1, -2, 3]);
    x.requiresGrad = true;
    const moved = x.to('queued-to');
    expect(moved.backend).toBe(queued);
    expect(Array.from(await moved.data())).toEqual([1, -2, 3]);
    // On the CPU the gradient of a CPU leaf moved to a queued backend must come back synchronously: say so.
    expect(() => tidy(() => moved.mul(2).sum().backward())).toThrow(/backward: the gradient of to\('queued-to'\) cannot move back to 'cpu' during backward/);
    const back = await moved.toAsync('cpu');
    expect(back.backend.name).toBe('cpu');
    expect(Array.from(back.dataSync())).toEqual([1, -2, 3]);
  });

  it('an op on tensors of two backends names both and the way to move one', async () => {
    await backends.instantiate('queued-to');
    const onQueue = tensor([1, 2]).to('queued-to');
    expect(() => onQueue.add(tensor([1, 2]))).toThrow("add: inputs live on different backends ('queued-to' and 'cpu'); move the 'cpu' one with .to('queued-to')");
    // The other way round the advice still moves the CPU tensor: a queued one cannot move at once.
    expect(() => tensor([1, 2]).add(onQueue)).toThrow("add: inputs live on different backends ('cpu' and 'queued-to'); move the 'cpu' one with .to('queued-to')");
  });

  it('a tensor made on the queued backend moves to the CPU with toAsync, with its gradient', async () => {
    const previous = getBackend().name;
    await setBackend('queued-to');
    const x = randn([4]);
    x.requiresGrad = true;
    await setBackend(previous);
    const onCpu = await x.toAsync('cpu');
    tidy(() => onCpu.square().sum().backward());
    const expected = Array.from(await x.data()).map((v) => Math.fround(2 * v));
    expect(Array.from(await x.grad!.data())).toEqual(expected);
    expect(x.grad!.backend).toBe(queued);
    expect(() => x.to('cpu')).toThrow("to: the tensor is on 'queued-to', which reads only asynchronously, so it cannot move at once; use await x.toAsync('cpu')");
    expect(to(onCpu, 'cpu').backend.name).toBe('cpu');
  });
});

describe('fused composites', () => {
  const fused = createQueuedBackend({ name: 'queued-fused-front-end', fused: true });
  let previous = 'cpu';
  beforeAll(async () => {
    previous = getBackend().name;
    backends.register(fused.name, () => fused);
    await setBackend(fused.name);
  });
  afterAll(async () => {
    await setBackend(previous);
  });

  it('softmax and logSoftmax run the fused kernel and match the composition, values and gradients', async () => {
    for (const [op, composite] of [[softmax, softmaxComposite], [logSoftmax, logSoftmaxComposite]] as const) {
      for (const axis of [0, 1, 2]) {
        const x = randn([3, 4, 5]).mul(3);
        const fromFused = await op(x, axis).data();
        const fromPrimitives = await composite(x, axis).data();
        fromFused.forEach((v, i) => expect(v).toBeCloseTo(fromPrimitives[i], 5));
        await expect(gradcheck((a: Tensor) => op(a, axis).mul(a).sum(), [randn([2, 3, 4])])).resolves.toBe(true);
      }
    }
  });

  it('sync waits for the queue and surfaces a data error once', async () => {
    const before = memory().tensors;
    tidy(() => void tensor([1, 2, 3]).gather(0, tensor([5], [1], 'int32'), { label: { op: 'test', what: 'index', range: 'values' } }));
    await expect(sync()).rejects.toThrow('test: index 5 is out of range for 3 values');
    await expect(sync()).resolves.toBeUndefined();
    expect(memory().tensors).toBe(before);
  });
});
