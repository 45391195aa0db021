import type { KernelCall, WebGpuKernelSource } from '@neurite/tensor';
import { grid } from './im2col-webgpu.js';

/**
 * The WebGPU form of cnn.weightGradient (weight-gradient.ts): one thread per element of the
 * [O, K] output, summing its products over the batch and the positions in order.
 */
const SHADER = /* wgsl */ `
struct Sizes { batch: u32, outChannels: u32, windowSize: u32, positions: u32 }
@group(0) @binding(0) var<storage, read> grad: array<f32>;
@group(0) @binding(1) var<storage, read> columns: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;
@group(0) @binding(3) var<uniform> s: Sizes;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = (wid.x + wid.y * groups.x) * 64u + lid;
  if (index >= s.outChannels * s.windowSize) { return; }
  let o = index / s.windowSize;
  let k = index % s.windowSize;
  var sum = 0.0;
  for (var n = 0u; n < s.batch; n = n + 1u) {
    let g = (n * s.outChannels + o) * s.positions;
    let x = (n * s.windowSize + k) * s.positions;
    for (var l = 0u; l < s.positions; l = l + 1u) {
      sum = sum + grad[g + l] * columns[x + l];
    }
  }
  result[index] = sum;
}`;

export const weightGradientWebGpu: WebGpuKernelSource<Record<string, never>> = {
  wgsl: () => SHADER,
  cacheKey: () => 'cnn.weightGradient',
  workgroups: ({ output }: KernelCall<Record<string, never>>) => grid(output.shape[0] * output.shape[1]),
  uniforms: ({ inputs: [grad, columns] }) => Uint32Array.from([grad.shape[0], grad.shape[1], columns.shape[1], grad.shape[2]]),
};
