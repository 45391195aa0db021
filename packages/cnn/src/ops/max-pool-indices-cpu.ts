import type { CpuKernelFunction } from '@neurite/tensor';
import { windowOutputSize, type WindowAttributes } from './window.js';

/**
 * Where each max-pooling window's maximum is: for x [N, C, H, W], an int32 [N, C, Ho·Wo] of
 * positions in the input plane (y·W + x). Max pooling is then a gather at these positions, and its
 * gradient the matching scatter-add, so neither the window columns (im2col) nor their gradient
 * (col2im) are ever made: the input is read once, in place.
 *
 * The first maximum in window order (rows, then columns) wins, so a tie sends the gradient to one
 * element, as PyTorch does; a NaN wins over any number (the first NaN), so it propagates. Padding
 * is never chosen: a window starts from its first element inside the input (the geometry keeps
 * every window at least partly inside).
 */
export const maxPoolIndicesCpu: CpuKernelFunction<WindowAttributes> = ([input], attributes, output) => {
  const x = input.values;
  const indices = output.values;
  const [batch, channels, height, width] = input.shape;
  const [kh, kw] = attributes.kernel;
  const [sh, sw] = attributes.stride;
  const [top, , left] = attributes.padding;
  const [dh, dw] = attributes.dilation;
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const planeSize = height * width;
  let out = 0;
  for (let plane = 0; plane < batch * channels; plane++) {
    const base = plane * planeSize;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * sh - top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * sw - left;
        let best = -1;
        let bestValue = Number.NaN;
        for (let i = 0; i < kh; i++) {
          const y = y0 + i * dh;
          if (y < 0 || y >= height) continue;
          for (let j = 0; j < kw; j++) {
            const column = x0 + j * dw;
            if (column < 0 || column >= width) continue;
            const at = y * width + column;
            const value = x[base + at];
            // Taken when it is the first, or larger, or the first NaN (a NaN best stays).
            if (best < 0 || (bestValue === bestValue && (value > bestValue || value !== value))) {
              best = at;
              bestValue = value;
            }
          }
        }
        indices[out++] = best;
      }
    }
  }
};
