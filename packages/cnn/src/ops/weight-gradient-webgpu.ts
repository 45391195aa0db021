import type { KernelCall, WebGpuKernelSource } from '@neurite/tensor';
import { grid } from './im2col-webgpu.js';

/**
 * The WebGPU form of cnn.weightGradient (weight-gradient.ts): a workgroup of 64 threads per element
 * of the [O, K] output. Thread t sums the products (n, l) whose flat index n·L + l is t modulo 64,
 * in order; a tree in workgroup memory adds the 64 partial sums. A thread per output would leave a
 * GPU idle (the first MNIST layer's gradient has 200 elements, each a sum of 36,864 products).
 */
const GROUP = 64;

const SHADER = /* wgsl */ `
struct Sizes { batch: u32, outChannels: u32, windowSize: u32, positions: u32 }
@group(0) @binding(0) var<storage, read> grad: array<f32>;
@group(0) @binding(1) var<storage, read> columns: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;
@group(0) @binding(3) var<uniform> s: Sizes;
var<workgroup> partial: array<f32, ${GROUP}>;

@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = wid.x + wid.y * groups.x;
  let inside = index < s.outChannels * s.windowSize;
  let o = index / s.windowSize;
  let k = index % s.windowSize;
  var sum = 0.0;
  if (inside) {
    let total = s.batch * s.positions;
    for (var e = lid; e < total; e = e + ${GROUP}u) {
      let n = e / s.positions;
      let l = e % s.positions;
      sum = sum + grad[(n * s.outChannels + o) * s.positions + l] * columns[(n * s.windowSize + k) * s.positions + l];
    }
  }
  partial[lid] = sum;
  workgroupBarrier();
  for (var stride = ${GROUP / 2}u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { partial[lid] = partial[lid] + partial[lid + stride]; }
    workgroupBarrier();
  }
  if (inside && lid == 0u) { result[index] = partial[0]; }
}`;

export const weightGradientWebGpu: WebGpuKernelSource<Record<string, never>> = {
  wgsl: () => SHADER,
  cacheKey: () => 'cnn.weightGradient',
  // One workgroup per output element: grid() counts threads in groups of 64.
  workgroups: ({ output }: KernelCall<Record<string, never>>) => grid(GROUP * output.shape[0] * output.shape[1]),
  uniforms: ({ inputs: [grad, columns] }) => Uint32Array.from([grad.shape[0], grad.shape[1], columns.shape[1], grad.shape[2]]),
};
