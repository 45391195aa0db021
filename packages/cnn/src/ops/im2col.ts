import { defineOp, type Tensor } from '@neurite/tensor';
import { workerKernel } from './worker-form.js';
import { col2imCpu, im2colCpu } from './im2col-cpu.js';
import { col2imWasm, im2colWasm } from './im2col-wasm.js';
import { col2imWebGpu, im2colWebGpu } from './im2col-webgpu.js';
import { checkedWindowOutput, shapeText, windowOutputSize, type WindowAttributes } from './window.js';

/**
 * im2col and col2im: the two plugin ops convolution and pooling are built on. Each is the other's
 * gradient (col2im is the adjoint of im2col), so everything built on them differentiates.
 */

export const im2col = defineOp<WindowAttributes>({
  name: 'cnn.im2col',
  output([x], attributes) {
    const [outHeight, outWidth] = checkedWindowOutput('cnn.im2col', x.shape, x.dtype, attributes);
    return { shape: [x.shape[0], x.shape[1] * attributes.kernel[0] * attributes.kernel[1], outHeight * outWidth], dtype: 'float32' };
  },
  kernels: { cpu: im2colCpu, wasm: im2colWasm, worker: workerKernel('im2colCpu'), webgpu: im2colWebGpu },
  backward: ({ grad, inputs: [x], attributes }) => [col2im([grad], { ...attributes, inputSize: [x.shape[2], x.shape[3]] }, x.shape[1])],
});

export const col2imOp = defineOp<WindowAttributes & { readonly channels: number }>({
  name: 'cnn.col2im',
  output([cols], attributes) {
    const rows = attributes.channels * attributes.kernel[0] * attributes.kernel[1];
    const [outHeight, outWidth] = windowOutputSize(attributes);
    if (cols.rank !== 3 || cols.shape[1] !== rows || cols.shape[2] !== outHeight * outWidth) {
      throw new Error(`cnn.col2im: expected columns [N, ${rows}, ${outHeight * outWidth}], got ${shapeText(cols.shape)}`);
    }
    return { shape: [cols.shape[0], attributes.channels, attributes.inputSize[0], attributes.inputSize[1]], dtype: 'float32' };
  },
  kernels: { cpu: col2imCpu, wasm: col2imWasm, worker: workerKernel('col2imCpu'), webgpu: col2imWebGpu },
  backward: ({ grad, attributes }) => [im2col([grad], attributes)],
});

/** Sums columns [N, C·kh·kw, L] back into an image [N, C, H, W] (overlaps add up). */
export function col2im([cols]: readonly Tensor[], attributes: WindowAttributes, channels: number): Tensor {
  return col2imOp([cols], { ...attributes, channels });
}
