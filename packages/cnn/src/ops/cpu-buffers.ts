import type { Backend, DataId, KernelInput, TypedArray } from '@neurite/tensor';
import { CpuBackend } from '@neurite/backend-cpu';

/**
 * How this plugin's CPU kernels reach buffers: the CPU backend exposes its typed arrays without a
 * copy (`valuesOf`, `adopt`); any other backend that reads synchronously goes through the public
 * contract with a copy each way.
 */
export interface BufferAccess {
  read(input: KernelInput): Float32Array;
  adopt(values: Float32Array): DataId;
}

export function bufferAccess(backend: Backend): BufferAccess {
  if (backend instanceof CpuBackend) {
    return { read: (input) => backend.valuesOf(input.dataId) as Float32Array, adopt: (values) => backend.adopt(values) };
  }
  if (!backend.capabilities.synchronousRead) {
    throw new Error(`@neurite/cnn: the CPU kernels cannot run on the '${backend.name}' backend, which does not read synchronously`);
  }
  return {
    read: (input) => backend.readSync(input.dataId, input.dtype, input.shape.reduce((a, b) => a * b, 1)) as Float32Array,
    adopt: (values: TypedArray) => backend.upload(values, 'float32'),
  };
}
