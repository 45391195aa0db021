import { describe, expect, it } from 'vitest';
import { backendsUnderTest } from '@neurite/tensor/testing';
import { defaultWorkerCount } from '@neurite/backend-worker';
import { getBackend, setBackend, setBestBackend, tensor } from './index.js';

describe('choosing a backend from the umbrella', () => {
  it('setBestBackend picks WebGPU where it starts, else the worker pool (two cores or more), else the CPU', async () => {
    const here = backendsUnderTest();
    const backend = await setBestBackend();
    expect(backend.name).toBe(here.includes('webgpu') ? 'webgpu' : here.includes('worker') && defaultWorkerCount() >= 2 ? 'worker' : 'cpu');
    expect(getBackend()).toBe(backend);
    expect(Array.from(await tensor([1, 2]).mul(3).data())).toEqual([3, 6]);
    await setBackend('cpu');
  });

  it('setBackend knows the built-in names without registration, and lists them for an unknown one', async () => {
    expect((await setBackend('cpu')).name).toBe('cpu');
    await expect(setBackend('tpu')).rejects.toThrow(/setBackend: no backend named 'tpu'\. Registered backends: .*'webgpu'.*'worker'.*'cpu'/);
  });
});
