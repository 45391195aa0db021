import { defineOp, type KernelCall, type WasmKernelSource } from '@neurite/tensor';
import { workerKernel } from './worker-form.js';
import { splitRanges } from '@neurite/backend';
import { FunctionBuilder, FunctionIndex, call, dotProductFunctions } from '@neurite/backend/wasm';
import { weightGradientWebGpu } from './weight-gradient-webgpu.js';
import { weightGradientCpu } from './weight-gradient-cpu.js';
import { shapeText } from './window.js';

/**
 * A convolution's weight gradient from its unfolded input: `Σ_n grad[n] @ columns[n]ᵀ`, with grad
 * [N, O, L] and columns [N, K, L], into [O, K]. Summed over the batch by the kernel itself: the
 * core matmul would make the [N, O, K] per-image products, then reduce them (for the MNIST CNN's
 * second layer, 64 products of 16x64 by 64x200, whose short depth the batch now extends).
 */

/** The WebAssembly form: the dot-product kernels of `@neurite/backend/wasm`, one segment per image. */
export const weightGradientWasm: WasmKernelSource<Record<string, never>> = {
  functions: ({ relaxedSimd }) => {
    const index = new FunctionIndex();
    // The backend calls the entry with the inputs' and output's offsets first, then `args`.
    const entry = new FunctionBuilder('weightGradientEntry', {
      grad: 'i32', columns: 'i32', out: 'i32', m: 'i32', n: 'i32', k: 'i32', segments: 'i32', aRow: 'i32', aSegment: 'i32', bColumn: 'i32', bSegment: 'i32',
    });
    const p = entry.params;
    const definition = entry.finish(call(index.of('weightGradient'),
      p.m.get(), p.n.get(), p.k.get(), p.segments.get(), p.grad.get(), p.aRow.get(), p.aSegment.get(), p.columns.get(), p.bColumn.get(), p.bSegment.get(), p.out.get()));
    return index.order([definition, ...dotProductFunctions('weightGradient', relaxedSimd, index)]);
  },
  entry: 'weightGradientEntry',
  // [m, n, k, segments, aRow, aSegment, bColumn, bSegment]: A = grad (rows O), B = columns (K), depth L, a segment per image.
  args: (call) => weightGradientArgs(call, call.inputs[0].shape[1]),
  // Threads take runs of output rows (out channels): grad's rows and the output's move, the
  // columns are read whole; an even start keeps each row in the same place of its 2x4 tile.
  split: (call, parts) => {
    const [, outChannels, positions] = call.inputs[0].shape;
    const patch = call.inputs[1].shape[1];
    if (parts < 2 || outChannels < 4) return undefined;
    return splitRanges(outChannels, parts, 2).map(([start, end]) => ({ offsets: [4 * positions * start, 0, 4 * patch * start], args: weightGradientArgs(call, end - start) }));
  },
};

/** [m, n, k, segments, aRow, aSegment, bColumn, bSegment] for `rows` rows of the output. */
function weightGradientArgs({ inputs: [grad, columns] }: KernelCall<Record<string, never>>, rows: number): number[] {
  const [batch, outChannels, positions] = grad.shape;
  const patch = columns.shape[1];
  return [rows, patch, positions, batch, 4 * positions, 4 * outChannels * positions, 4 * positions, 4 * patch * positions];
}

export const weightGradient = defineOp<Record<string, never>>({
  name: 'cnn.weightGradient',
  output([grad, columns]) {
    if (grad.rank !== 3 || columns.rank !== 3 || grad.shape[0] !== columns.shape[0] || grad.shape[2] !== columns.shape[2] || grad.dtype !== 'float32' || columns.dtype !== 'float32') {
      throw new Error(`cnn.weightGradient: expected float32 grad [N, O, L] and columns [N, K, L], got ${grad.dtype} ${shapeText(grad.shape)} and ${columns.dtype} ${shapeText(columns.shape)}`);
    }
    return { shape: [grad.shape[1], columns.shape[1]], dtype: 'float32' };
  },
  kernels: { cpu: weightGradientCpu, wasm: weightGradientWasm, worker: workerKernel('weightGradientCpu'), webgpu: weightGradientWebGpu },
  // Elsewhere (a backend with none of these forms): the per-image products, then their sum.
  composite: ([grad, columns]) => grad.matmul(columns, { transposeB: true }).sum(0),
  // Linear in each input: the gradient of Σ_n G[n] Xᵀ[n] is (dW Xn) for G and (dWᵀ Gn) for X.
  backward: ({ grad: upstream, inputs: [grad, columns], needsInputGrad }) => [
    needsInputGrad[0] ? upstream.matmul(columns) : null,
    needsInputGrad[1] ? upstream.matmul(grad, { transposeA: true }) : null,
  ],
});
