import { sizeOf, type DataId, type ExtensionKernel, type FusedKernelTable, type KernelInput, type KernelOutput } from '@neurite/backend';
import { grid, type KernelRuntime } from './kernel-runtime.js';
import { FLOAT_PRELUDE, GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, uniformDeclaration } from './wgsl-prelude.js';

/**
 * softmax and logSoftmax along one axis as one dispatch instead of five (max, subtract, exp, sum,
 * divide), for speed only: the front end's composite is the meaning, and the tests hold this kernel
 * to it. A workgroup of 64 threads owns one row: it finds the row's max, sums exp(x - max), then
 * writes exp(x - max) / sum or (x - max) - log(sum), as the composite computes.
 */

const GROUP = 64;

function source(log: boolean, words: number): string {
  const write = log ? 'shifted - logF(total)' : 'expF(shifted) / total';
  return /* wgsl */ `${FLOAT_PRELUDE}
${uniformDeclaration(words, 2)}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<f32>;
var<workgroup> partial: array<f32, ${GROUP}>;

@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let rows = u(0u);
  let length = u(1u);
  let inner = u(2u);
  let row = min(workgroup, rows - 1u);
  let start = (row / inner) * length * inner + row % inner;
  var largest = -infF();
  for (var k = lid; k < length; k = k + ${GROUP}u) { largest = maxF(largest, x[start + k * inner]); }
  partial[lid] = largest;
  workgroupBarrier();
  for (var width = ${GROUP / 2}u; width > 0u; width = width / 2u) {
    if (lid < width) { partial[lid] = maxF(partial[lid], partial[lid + width]); }
    workgroupBarrier();
  }
  let rowMax = partial[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var k = lid; k < length; k = k + ${GROUP}u) { sum = sum + expF(x[start + k * inner] - rowMax); }
  partial[lid] = sum;
  workgroupBarrier();
  for (var width = ${GROUP / 2}u; width > 0u; width = width / 2u) {
    if (lid < width) { partial[lid] = partial[lid] + partial[lid + width]; }
    workgroupBarrier();
  }
  let total = partial[0];
  if (workgroup >= rows) { return; }
  for (var k = lid; k < length; k = k + ${GROUP}u) {
    let shifted = x[start + k * inner] - rowMax;
    result[start + k * inner] = ${write};
  }
}`;
}

function fusedKernel(runtime: KernelRuntime, name: 'softmax' | 'logSoftmax'): ExtensionKernel<{ readonly axis: number }> {
  return ([x]: readonly KernelInput[], { axis }: { readonly axis: number }, output: KernelOutput): DataId => {
    const size = sizeOf(output.shape);
    const result = runtime.allocate(size, 'float32', name);
    if (size === 0) return result;
    const length = x.shape[axis];
    const inner = sizeOf(x.shape.slice(axis + 1));
    const rows = size / length;
    const uniform = new UniformWords().u32(rows, length, inner).finish();
    runtime.run(
      { key: `fused:${name}`, label: name, signature: { inputs: 1, outputs: 1, uniform: true }, source: () => source(name === 'logSoftmax', uniform.length) },
      [runtime.input(x, name), result],
      uniform,
      grid(rows, runtime.maxWorkgroupsPerDimension),
    );
    return result;
  };
}

/** The composites this backend runs as one kernel each. */
export function createFusedKernels(runtime: KernelRuntime): FusedKernelTable {
  return { softmax: fusedKernel(runtime, 'softmax'), logSoftmax: fusedKernel(runtime, 'logSoftmax') };
}
