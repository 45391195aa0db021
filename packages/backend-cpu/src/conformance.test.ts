import { describe, expect, it } from 'vitest';
import type { Backend, KernelTable } from '@neurite/backend';
import { checkConformanceCase, conformanceCases, describeBackendConformance } from '@neurite/backend/conformance';
import { createCpuBackend } from './index.js';
import { createQueuedBackend } from './testing/index.js';

// The CPU backend (WebAssembly SIMD kernels where the engine has them) against its TypeScript
// kernels, the reference every other backend is compared with. Released buffers are poisoned, so a
// kernel that leaves output elements unwritten fails.
describeBackendConformance({ describe, it }, { backend: createCpuBackend({ poisonReleased: true }), reference: createCpuBackend({ kernels: 'typescript' }) });
describe('the TypeScript kernels on reused memory', () => {
  describeBackendConformance({ describe, it }, { backend: createCpuBackend({ kernels: 'typescript', poisonReleased: true }), reference: createCpuBackend({ kernels: 'typescript' }), exact: true });
});
// The queued test backend runs the same kernels later, so it must match the CPU bit for bit.
describe('queued test backend', () => {
  describeBackendConformance({ describe, it }, { backend: createQueuedBackend(), reference: createCpuBackend(), exact: true });
});

/** A real CPU backend whose `add` kernel is off by a little: the kit must notice. */
function withWrongAdd(inner: Backend): Backend {
  const kernels: KernelTable = {
    ...inner.kernels,
    add: (inputs, attributes, output) => {
      const sum = inner.kernels.add(inputs, attributes, output);
      const offset = inner.fill(1, 1e-3, output.dtype);
      const result = inner.kernels.add([{ dataId: sum, shape: output.shape, dtype: output.dtype }, { dataId: offset, shape: [], dtype: output.dtype }], {}, output);
      inner.release(sum);
      inner.release(offset);
      return result;
    },
  };
  // Everything else is the inner backend's own (bound, for its private fields).
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'name') return 'wrong-add';
      if (property === 'kernels') return kernels;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('the conformance kit', () => {
  it('names the primitive, case and element where a backend differs', async () => {
    const broken = withWrongAdd(createCpuBackend());
    const reference = createCpuBackend();
    const addCase = conformanceCases().find((c) => c.name === 'add same shape')!;
    expect(await checkConformanceCase(broken, reference, addCase)).toMatch(/^add \(add same shape\) on 'wrong-add': element 0 is .*, the reference gives/);
    const mulCase = conformanceCases().find((c) => c.name === 'mul same shape')!;
    expect(await checkConformanceCase(broken, reference, mulCase)).toBeNull();
  });

  it('covers every kernel primitive', async () => {
    const { KERNEL_PRIMITIVES } = await import('@neurite/backend');
    const covered = new Set(conformanceCases().map((c) => c.primitive));
    expect(KERNEL_PRIMITIVES.filter((p) => !covered.has(p))).toEqual([]);
  });
});
