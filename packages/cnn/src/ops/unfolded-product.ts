import { defineOp } from '@neurite/tensor';
import { weightGradient } from './weight-gradient.js';
import { shapeText } from './window.js';

/**
 * A convolution's product of its weight [O, K] with its unfolded input [N, K, L], into [N, O, L]:
 * the core matmul forward (its composite, on every backend), with a gradient whose weight part is
 * summed over the batch by one kernel (weight-gradient.ts) instead of per-image products and a
 * reduction.
 */
export const unfoldedProduct = defineOp<Record<string, never>>({
  name: 'cnn.unfoldedProduct',
  output([weight, columns]) {
    if (weight.rank !== 2 || columns.rank !== 3 || weight.shape[1] !== columns.shape[1]) {
      throw new Error(`cnn.unfoldedProduct: expected weight [O, K] and columns [N, K, L], got ${shapeText(weight.shape)} and ${shapeText(columns.shape)}`);
    }
    return { shape: [columns.shape[0], weight.shape[0], columns.shape[2]], dtype: weight.dtype };
  },
  kernels: {},
  composite: ([weight, columns]) => weight.matmul(columns),
  backward: ({ grad, inputs: [weight, columns], needsInputGrad }) => [
    needsInputGrad[0] ? weightGradient([grad, columns], {}) : null,
    needsInputGrad[1] ? weight.matmul(grad, { transposeA: true }) : null,
  ],
});
