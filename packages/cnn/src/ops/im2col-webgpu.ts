import type { KernelCall, WebGpuKernelSource } from '@neurite/tensor';
import type { WindowAttributes } from './window.js';
import { windowOutputSize } from './window.js';

/**
 * The WebGPU forms of im2col and col2im: WGSL, one thread per output element. Shapes and the window
 * travel in uniforms, so each shader compiles once whatever the layer. A large batch has more
 * workgroups than one grid dimension allows, so the grid folds into x and y and the shader
 * linearises it.
 */

const GROUP = 64;
const MAX_PER_DIMENSION = 65535;

/** Uniform words shared by both shaders: geometry, then the padding value's bits, then the element count. */
function windowUniforms(shape: readonly number[], attributes: WindowAttributes, total: number): Uint32Array {
  const [batch, channels, height, width] = shape;
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const words = new Uint32Array(20);
  words.set([batch, channels, height, width, attributes.kernel[0], attributes.kernel[1], attributes.stride[0], attributes.stride[1]]);
  words.set([attributes.padding[0], attributes.padding[2], attributes.dilation[0], attributes.dilation[1], outHeight, outWidth], 8);
  new Float32Array(words.buffer)[14] = attributes.padValue;
  words[15] = total;
  return words;
}

/** Workgroups of 64 for `total` threads, folded into x and y when x alone would pass its limit. */
export function grid(total: number): [number, number, number] {
  const groups = Math.max(1, Math.ceil(total / GROUP));
  const rows = Math.ceil(groups / MAX_PER_DIMENSION);
  return [Math.ceil(groups / rows), rows, 1];
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const HEADER = /* wgsl */ `
struct Window {
  batch: u32, channels: u32, height: u32, width: u32,
  kernelHeight: u32, kernelWidth: u32, strideHeight: u32, strideWidth: u32,
  top: u32, left: u32, dilationHeight: u32, dilationWidth: u32,
  outHeight: u32, outWidth: u32, padValue: f32, total: u32,
  unused: vec4<u32>,
}
@group(0) @binding(0) var<storage, read> source: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<f32>;
@group(0) @binding(2) var<uniform> w: Window;
`;

/** Unfolds x [N, C, H, W] into columns [N, C·kh·kw, Ho·Wo]; outside the image reads `padValue`. */
export const im2colWebGpu: WebGpuKernelSource<WindowAttributes> = {
  wgsl: () => /* wgsl */ `${HEADER}
@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = (wid.x + wid.y * groups.x) * ${GROUP}u + lid;
  if (index >= w.total) { return; }
  let positions = w.outHeight * w.outWidth;
  let window = w.kernelHeight * w.kernelWidth;
  let rows = w.channels * window;
  let n = index / (rows * positions);
  let row = (index / positions) % rows;
  let position = index % positions;
  let c = row / window;
  let i = (row / w.kernelWidth) % w.kernelHeight;
  let j = row % w.kernelWidth;
  let y = i32((position / w.outWidth) * w.strideHeight + i * w.dilationHeight) - i32(w.top);
  let x = i32((position % w.outWidth) * w.strideWidth + j * w.dilationWidth) - i32(w.left);
  let inside = y >= 0 && y < i32(w.height) && x >= 0 && x < i32(w.width);
  let at = ((n * w.channels + c) * w.height + u32(max(y, 0))) * w.width + u32(max(x, 0));
  result[index] = select(w.padValue, source[select(0u, at, inside)], inside);
}`,
  cacheKey: () => 'cnn.im2col',
  workgroups: ({ output }: KernelCall<WindowAttributes>) => grid(count(output.shape)),
  uniforms: ({ inputs, output, attributes }) => windowUniforms(inputs[0].shape, attributes, count(output.shape)),
};

/**
 * Folds columns back, adding overlaps: each thread owns one element of x [N, C, H, W] and sums the
 * column entries of every window position that read it, so no two threads write one element.
 */
export const col2imWebGpu: WebGpuKernelSource<WindowAttributes & { readonly channels: number }> = {
  wgsl: () => /* wgsl */ `${HEADER}
@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = (wid.x + wid.y * groups.x) * ${GROUP}u + lid;
  if (index >= w.total) { return; }
  let positions = w.outHeight * w.outWidth;
  let window = w.kernelHeight * w.kernelWidth;
  let x = i32(index % w.width) + i32(w.left);
  let y = i32((index / w.width) % w.height) + i32(w.top);
  let c = (index / (w.width * w.height)) % w.channels;
  let n = index / (w.width * w.height * w.channels);
  var sum = 0.0;
  for (var i = 0u; i < w.kernelHeight; i = i + 1u) {
    let dy = y - i32(i * w.dilationHeight);
    if (dy < 0 || dy % i32(w.strideHeight) != 0) { continue; }
    let outY = u32(dy) / w.strideHeight;
    if (outY >= w.outHeight) { continue; }
    for (var j = 0u; j < w.kernelWidth; j = j + 1u) {
      let dx = x - i32(j * w.dilationWidth);
      if (dx < 0 || dx % i32(w.strideWidth) != 0) { continue; }
      let outX = u32(dx) / w.strideWidth;
      if (outX >= w.outWidth) { continue; }
      let row = c * window + i * w.kernelWidth + j;
      sum = sum + source[(n * w.channels * window + row) * positions + outY * w.outWidth + outX];
    }
  }
  result[index] = sum;
}`,
  cacheKey: () => 'cnn.col2im',
  workgroups: ({ output }) => grid(count(output.shape)),
  uniforms: ({ output, attributes }) => windowUniforms(output.shape, attributes, count(output.shape)),
};
