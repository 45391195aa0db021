import { defineOp } from '@neurite/tensor';
import { workerKernel } from './worker-form.js';
import { maxPoolIndicesCpu } from './max-pool-indices-cpu.js';
import { maxPoolIndicesWasm } from './max-pool-indices-wasm.js';
import { maxPoolIndicesWebGpu } from './max-pool-indices-webgpu.js';
import { checkedWindowOutput, type WindowAttributes } from './window.js';

/** The op; not differentiable (its output is positions): max pooling differentiates through its gather. */
export const maxPoolIndices = defineOp<WindowAttributes>({
  name: 'cnn.maxPoolIndices',
  output([x], attributes) {
    const [outHeight, outWidth] = checkedWindowOutput('cnn.maxPoolIndices', x.shape, x.dtype, attributes);
    return { shape: [x.shape[0], x.shape[1], outHeight * outWidth], dtype: 'int32' };
  },
  kernels: { cpu: maxPoolIndicesCpu, wasm: maxPoolIndicesWasm, worker: workerKernel('maxPoolIndicesCpu'), webgpu: maxPoolIndicesWebGpu },
});
