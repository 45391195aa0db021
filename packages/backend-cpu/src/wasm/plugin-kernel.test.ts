import { describe, expect, it } from 'vitest';
import type { PluginKernels } from '@neurite/backend';
import { FunctionBuilder, f32, forPointer, i32, seq, type Code } from '@neurite/backend/wasm';
import { createCpuBackend } from '../cpu-backend.js';

/** A plugin op 'double' with a CPU form and a wasm form (out[i] = 2 * x[i]). */
function doubleKernels(entry = 'double', body?: (address: Code) => Code): PluginKernels<never> {
  return {
    cpu: ([x], _attributes, output) => {
      for (let i = 0; i < x.values.length; i++) output.values[i] = 2 * x.values[i] + 1000; // marks the CPU form
    },
    wasm: {
      functions: () => {
        const fn = new FunctionBuilder('double', { x: 'i32', out: 'i32', count: 'i32' });
        const { x, out, count } = fn.params;
        const end = fn.local('i32');
        // x advances with out: out[i] = x[i] + x[i].
        const store = body ?? ((address: Code) => seq(f32.store(address, f32.add(f32.load(x.get()), f32.load(x.get()))), x.set(i32.add(x.get(), i32.const(4)))));
        return [fn.finish(end.set(i32.add(out.get(), i32.mul(count.get(), i32.const(4)))), forPointer(out, out.get(), end.get(), 4, store(out.get())))];
      },
      entry,
      args: ({ output }) => [output.shape[0]],
    },
  };
}

function runDouble(backend: ReturnType<typeof createCpuBackend>, name: string): number[] {
  const x = backend.upload(new Float32Array([1, 2, 3, 4, 5]), 'float32');
  const out = backend.extensionKernel(name)!([{ dataId: x, shape: [5], dtype: 'float32' }], {} as never, { shape: [5], dtype: 'float32' });
  const values = Array.from(backend.readSync(out, 'float32', 5));
  backend.release(x);
  backend.release(out);
  return values;
}

describe("a plugin's wasm kernel form", () => {
  it('runs instead of the CPU form where the backend has WebAssembly SIMD, and not on the TypeScript path', () => {
    const wasm = createCpuBackend();
    wasm.registerKernel('double', doubleKernels());
    expect(runDouble(wasm, 'double')).toEqual([2, 4, 6, 8, 10]);
    const typescript = createCpuBackend({ kernels: 'typescript' });
    typescript.registerKernel('double', doubleKernels());
    expect(runDouble(typescript, 'double')).toEqual([1002, 1004, 1006, 1008, 1010]);
  });

  it('names the op when its functions do not compile or lack the entry', () => {
    const backend = createCpuBackend();
    // f32.store of an i32 value: fails validation.
    expect(() => backend.registerKernel('bad', doubleKernels('double', (address) => f32.store(address, i32.const(1))))).toThrow(/registerKernel: the wasm kernel of 'bad' does not compile/);
    expect(() => backend.registerKernel('missing', doubleKernels('nowhere'))).toThrow(/registerKernel: the wasm kernel of 'missing' has no function 'nowhere' \(it defines: double\)/);
  });

  it('turns a trap into an error naming the op, and gives the output back', () => {
    const backend = createCpuBackend();
    // Reads far past the end of memory: an out-of-bounds trap.
    backend.registerKernel('trap', doubleKernels('double', (address) => f32.store(address, f32.load(i32.const(-16)))));
    const x = backend.upload(new Float32Array([1]), 'float32');
    const before = backend.memory();
    expect(() => backend.extensionKernel('trap')!([{ dataId: x, shape: [1], dtype: 'float32' }], {} as never, { shape: [1], dtype: 'float32' })).toThrow(/trap: the wasm kernel trapped/);
    expect(backend.memory()).toEqual(before);
    backend.release(x);
  });
});
