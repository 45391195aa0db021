import { sizeOf, type DataId, type ExtensionKernel, type KernelInput, type KernelOutput, type WebGpuKernelSource } from '@neurite/backend';
import type { KernelRuntime } from './kernel-runtime.js';

/**
 * A plugin's WebGPU-form kernel as this backend runs it: its WGSL compiled once per `cacheKey`,
 * bound as the contract says (inputs read-only, the output read-write, then the uniforms).
 */
export function compilePluginKernel(runtime: KernelRuntime, name: string, source: WebGpuKernelSource<never>): ExtensionKernel<never> {
  return (inputs: readonly KernelInput[], attributes: never, output: KernelOutput): DataId => {
    const call = { inputs: inputs.map(({ shape, dtype }) => ({ shape, dtype })), output, attributes };
    const size = sizeOf(output.shape);
    const result = runtime.allocate(size, output.dtype, name);
    if (size === 0) return result;
    const workgroups = source.workgroups(call);
    const limit = runtime.maxWorkgroupsPerDimension;
    if (workgroups.some((count) => count > limit)) {
      throw new Error(`${name}: the plugin kernel asks for [${workgroups.join(', ')}] workgroups, and this WebGPU device allows at most ${limit} per dimension (maxComputeWorkgroupsPerDimension); spread the work over y and z`);
    }
    const values = source.uniforms?.(call);
    let uniform: Uint32Array | undefined;
    if (values) {
      uniform = new Uint32Array(Math.max(4, Math.ceil(values.length / 4) * 4));
      uniform.set(new Uint32Array(values.buffer, values.byteOffset, values.length));
    }
    runtime.run(
      { key: `plugin:${name}:${source.cacheKey(call)}`, label: name, signature: { inputs: inputs.length, outputs: 1, uniform: values !== undefined }, source: () => source.wgsl(call), entryPoint: source.entryPoint },
      [...inputs.map((input) => runtime.input(input, name)), result],
      uniform,
      [workgroups[0], workgroups[1], workgroups[2]],
    );
    return result;
  };
}
