import type { ExtensionKernel, KernelInput, KernelOutput, PluginKernels, WorkerKernelModule } from '@neurite/backend';
import { compilePluginKernel, pluginKernelEntry } from '@neurite/backend-cpu/kernels';
import type { WorkerRuntime } from './runtime.js';

/**
 * A plugin op's kernel on the worker backend. Where the plugin gives a `wasm` form and the engine
 * has SIMD (as the CPU backend prefers it), its functions are compiled once for the shared heap,
 * and the module is sent to every worker and instantiated on the main thread too (small calls
 * with ready inputs run there). Otherwise every worker imports the `worker` form's module, and the
 * kernel always runs on a worker. A call runs whole on one worker, unless the wasm form says how
 * to split it (`WasmKernelSource.split`): then each worker runs a part.
 */
export function pluginKernel(runtime: WorkerRuntime, name: string, module: WorkerKernelModule, forms: PluginKernels<never>): ExtensionKernel<never> {
  // Which form runs depends on what the engine offers, known once the pool has started.
  runtime.requireStarted('registerKernel');
  const wasm = forms.wasm;
  if (wasm && runtime.wasm) {
    const compiled = compilePluginKernel(name, wasm.functions({ relaxedSimd: runtime.relaxedSimd }), true);
    runtime.mainRunner.addPlugin(name, pluginKernelEntry(name, compiled, runtime.store.arena.memory, wasm.entry));
    runtime.broadcast({ type: 'wasm-plugin', name, module: compiled, entry: wasm.entry });
    return (inputs: readonly KernelInput[], attributes: never, output: KernelOutput) => {
      const call = { inputs: inputs.map(({ shape, dtype }) => ({ shape, dtype })), output, attributes };
      return runtime.run(name, inputs, [output], attributes, (refs, [out]) => {
        const pointers = [...refs.map((ref) => ref.offset), out.offset];
        const { workers, parts: count, minElements } = runtime.policy;
        const parts = workers > 1 && Math.max(out.length, ...refs.map((ref) => ref.length)) >= minElements ? wasm.split?.(call, count) : undefined;
        if (!parts || parts.length === 0) return [{ kind: 'wasm-plugin', name, pointers, args: wasm.args(call) }];
        return parts.map((part) => ({ kind: 'wasm-plugin', name, pointers: pointers.map((pointer, index) => pointer + part.offsets[index]), args: part.args }));
      }, (operands, [out]) => runtime.mainRunner.run({ kind: 'wasm-plugin', name, pointers: [...operands.map((operand) => operand.offset), out.offset], args: wasm.args(call) }))[0];
    };
  }
  if (typeof module.specifier !== 'string' || typeof module.exportName !== 'string') {
    throw new Error(`registerKernel: the worker kernel of '${name}' must be { specifier, exportName } strings`);
  }
  runtime.broadcast({ type: 'module-plugin', name, specifier: module.specifier, exportName: module.exportName });
  return (inputs: readonly KernelInput[], attributes: never, output: KernelOutput) =>
    // Never on the main thread: only the workers import the module.
    runtime.run(name, inputs, [output], attributes, (refs, [out]) => [{ kind: 'module-plugin', name, inputs: refs, output: out, attributes }])[0];
}
