import type { CpuKernelFunction } from '@neurite/tensor';
import type { WindowAttributes } from './window.js';
import { windowOutputSize } from './window.js';

/**
 * For each kernel column j, the output columns [first, end) whose input column lies inside the
 * image: the inner loops run over exactly those and need no bounds check per element.
 */
function columnsInside(attributes: WindowAttributes, outWidth: number): { firstInside: Int32Array; endInside: Int32Array } {
  const kw = attributes.kernel[1];
  const sw = attributes.stride[1];
  const dw = attributes.dilation[1];
  const left = attributes.padding[2];
  const width = attributes.inputSize[1];
  const firstInside = new Int32Array(kw);
  const endInside = new Int32Array(kw);
  for (let j = 0; j < kw; j++) {
    const offset = j * dw - left;
    firstInside[j] = Math.min(outWidth, Math.max(0, Math.ceil(-offset / sw)));
    endInside[j] = Math.max(firstInside[j], Math.min(outWidth, Math.floor((width - 1 - offset) / sw) + 1));
  }
  return { firstInside, endInside };
}

/**
 * The CPU form of the im2col kernel, a pure function: unfolds every window of x [N, C, H, W] into
 * a column of `output` [N, C·kh·kw, Ho·Wo], row index (c·kh + i)·kw + j. The inner loop walks one
 * output row with a fixed input row, so it writes contiguously and reads with a constant stride.
 */
export const im2colCpu: CpuKernelFunction<WindowAttributes> = ([input], attributes, output) => {
  const x = input.values;
  const cols = output.values;
  const [batch, channels, height, width] = input.shape;
  const [kh, kw] = attributes.kernel;
  const [sh, sw] = attributes.stride;
  const [top, , left] = attributes.padding;
  const [dh, dw] = attributes.dilation;
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const positions = outHeight * outWidth;
  const rows = channels * kh * kw;
  const pad = attributes.padValue;
  const { firstInside, endInside } = columnsInside(attributes, outWidth);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = (n * channels + c) * height * width;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const row = (c * kh + i) * kw + j;
          const rowStart = (n * rows + row) * positions;
          const columnOffset = j * dw - left;
          for (let oy = 0; oy < outHeight; oy++) {
            const iy = oy * sh - top + i * dh;
            const out = rowStart + oy * outWidth;
            if (iy < 0 || iy >= height) {
              if (pad !== 0) cols.fill(pad, out, out + outWidth);
              continue;
            }
            const source = plane + iy * width + columnOffset;
            if (pad !== 0) {
              cols.fill(pad, out, out + firstInside[j]);
              cols.fill(pad, out + endInside[j], out + outWidth);
            }
            for (let ox = firstInside[j]; ox < endInside[j]; ox++) cols[out + ox] = x[source + ox * sw];
          }
        }
      }
    }
  }
};

/**
 * The CPU form of col2im, the adjoint of im2col: adds every column entry of [N, C·kh·kw, Ho·Wo]
 * back to the position of `output` [N, C, H, W] it came from (`output` starts zeroed).
 */
export const col2imCpu: CpuKernelFunction<WindowAttributes & { readonly channels: number }> = ([input], attributes, output) => {
  const cols = input.values;
  const x = output.values;
  const batch = input.shape[0];
  const channels = attributes.channels;
  const [height, width] = attributes.inputSize;
  const [kh, kw] = attributes.kernel;
  const [sh, sw] = attributes.stride;
  const [top, , left] = attributes.padding;
  const [dh, dw] = attributes.dilation;
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const positions = outHeight * outWidth;
  const rows = channels * kh * kw;
  const { firstInside, endInside } = columnsInside(attributes, outWidth);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = (n * channels + c) * height * width;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const rowStart = (n * rows + (c * kh + i) * kw + j) * positions;
          const columnOffset = j * dw - left;
          const first = firstInside[j];
          const end = endInside[j];
          for (let oy = 0; oy < outHeight; oy++) {
            const iy = oy * sh - top + i * dh;
            if (iy < 0 || iy >= height) continue;
            const target = plane + iy * width + columnOffset;
            const source = rowStart + oy * outWidth;
            for (let ox = first; ox < end; ox++) x[target + ox * sw] += cols[source + ox];
          }
        }
      }
    }
  }
};
