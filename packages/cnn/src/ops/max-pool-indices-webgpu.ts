import type { KernelCall, WebGpuKernelSource } from '@neurite/tensor';
import { grid } from './im2col-webgpu.js';
import { windowOutputSize, type WindowAttributes } from './window.js';

/**
 * The WebGPU form of cnn.maxPoolIndices (max-pool-indices.ts): one thread per window, the same scan
 * and the same rule for ties and NaN as the CPU form. NaN is tested on the bits, because some
 * drivers (SwiftShader) fold `v != v` to false.
 */

const GROUP = 64; // as grid() assumes

const SHADER = /* wgsl */ `
struct Window {
  planes: u32, height: u32, width: u32, total: u32,
  kernelHeight: u32, kernelWidth: u32, strideHeight: u32, strideWidth: u32,
  top: i32, left: i32, dilationHeight: u32, dilationWidth: u32,
  outHeight: u32, outWidth: u32, unused0: u32, unused1: u32,
}
@group(0) @binding(0) var<storage, read> source: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<i32>;
@group(0) @binding(2) var<uniform> w: Window;

fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }

@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = (wid.x + wid.y * groups.x) * ${GROUP}u + lid;
  if (index >= w.total) { return; }
  let positions = w.outHeight * w.outWidth;
  let plane = index / positions;
  let position = index % positions;
  let y0 = i32((position / w.outWidth) * w.strideHeight) - w.top;
  let x0 = i32((position % w.outWidth) * w.strideWidth) - w.left;
  let base = plane * w.height * w.width;
  var best = -1;
  var bestValue = 0.0;
  for (var i = 0u; i < w.kernelHeight; i = i + 1u) {
    let y = y0 + i32(i * w.dilationHeight);
    if (y < 0 || y >= i32(w.height)) { continue; }
    for (var j = 0u; j < w.kernelWidth; j = j + 1u) {
      let x = x0 + i32(j * w.dilationWidth);
      if (x < 0 || x >= i32(w.width)) { continue; }
      let at = y * i32(w.width) + x;
      let value = source[base + u32(at)];
      if (best < 0 || (!isNan(bestValue) && (value > bestValue || isNan(value)))) {
        best = at;
        bestValue = value;
      }
    }
  }
  result[index] = best;
}`;

function uniforms({ inputs, output, attributes }: KernelCall<WindowAttributes>): Uint32Array {
  const [batch, channels, height, width] = inputs[0].shape;
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const total = output.shape.reduce((a, b) => a * b, 1);
  const words = new Uint32Array(16);
  words.set([batch * channels, height, width, total, attributes.kernel[0], attributes.kernel[1], attributes.stride[0], attributes.stride[1]]);
  const signed = new Int32Array(words.buffer);
  signed[8] = attributes.padding[0];
  signed[9] = attributes.padding[2];
  words.set([attributes.dilation[0], attributes.dilation[1], outHeight, outWidth], 10);
  return words;
}

export const maxPoolIndicesWebGpu: WebGpuKernelSource<WindowAttributes> = {
  wgsl: () => SHADER,
  cacheKey: () => 'cnn.maxPoolIndices',
  workgroups: ({ output }) => grid(output.shape.reduce((a, b) => a * b, 1)),
  uniforms,
};
