import { contiguousStrides, sizeOf, type ArgReducePrimitive, type DType, type DataId, type KernelInput, type KernelOutput, type ReducePrimitive } from '@neurite/backend';
import { grid, type KernelRuntime } from './kernel-runtime.js';
import { FLOAT_PRELUDE, GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, WGSL_TYPE, uniformDeclaration } from './wgsl-prelude.js';

/**
 * Sum, product, max and min over any set of axes, and argmax/argmin along one.
 *
 * The input is seen as kept axes × reduced axes. With many outputs, one thread folds each output's
 * elements in order; with few outputs and many elements each, a workgroup of 64 threads shares one
 * output: each thread folds a strided share, then a tree in workgroup memory joins the 64 partial
 * results. Floats accumulate in f32 (the order differs from the CPU's double sums, within the
 * conformance kit's Σ|terms| tolerance); int32 wraps as the CPU does.
 */

interface Fold {
  readonly identity: string;
  readonly combine: (a: string, b: string) => string;
}

function foldOf(op: ReducePrimitive, dtype: DType): Fold {
  const float = dtype === 'float32';
  switch (op) {
    case 'sum':
      return { identity: float ? '0.0' : dtype === 'int32' ? '0' : '0u', combine: (a, b) => `${a} + ${b}` };
    case 'prod':
      return { identity: float ? '1.0' : dtype === 'int32' ? '1' : '1u', combine: (a, b) => `${a} * ${b}` };
    case 'max':
      return float ? { identity: '-infF()', combine: (a, b) => `maxF(${a}, ${b})` } : { identity: dtype === 'int32' ? '(-2147483647 - 1)' : '0u', combine: (a, b) => `max(${a}, ${b})` };
    case 'min':
      return float ? { identity: 'infF()', combine: (a, b) => `minF(${a}, ${b})` } : { identity: dtype === 'int32' ? '2147483647' : '1u', combine: (a, b) => `min(${a}, ${b})` };
  }
}

const GROUP = 64;
/** At or above this many outputs every thread has its own; below, outputs with long folds share a workgroup. */
const OUTPUTS_FOR_THREAD_PER_OUTPUT = 1024;

/**
 * The uniform layout both reduce shaders read: output count, reduced count, then output strides
 * (to split an output index into coordinates), the input strides of kept axes (0 for reduced
 * ones), and each reduced axis' size, stride and position stride (to split a reduced index).
 */
function reduceUniforms(inputShape: readonly number[], reducedAxes: readonly number[], outputSize: number, reducedSize: number): Uint32Array {
  const inputStrides = contiguousStrides(inputShape);
  const outputShape = inputShape.map((size, axis) => (reducedAxes.includes(axis) ? 1 : size));
  const reducedShape = reducedAxes.map((axis) => inputShape[axis]);
  return new UniformWords()
    .u32(outputSize, reducedSize)
    .u32(...contiguousStrides(outputShape))
    .u32(...inputStrides.map((stride, axis) => (reducedAxes.includes(axis) ? 0 : stride)))
    .u32(...reducedShape, ...reducedAxes.map((axis) => inputStrides[axis]), ...contiguousStrides(reducedShape))
    .finish();
}

/** WGSL that sets `base` (the input offset of output `o`) from the kept coordinates. */
function baseOffset(rank: number): string {
  const lines = ['var rest = o;', 'var base = 0u;'];
  for (let axis = 0; axis < rank; axis++) {
    lines.push(`{ let c = rest / u(${2 + axis}u); rest = rest - c * u(${2 + axis}u); base = base + c * u(${2 + rank + axis}u); }`);
  }
  return lines.join('\n  ');
}

/** WGSL for the input offset of reduced element `r` of the output at `base`. */
function reducedOffset(rank: number, reducedCount: number): string {
  const sizes = 2 + 2 * rank;
  const strides = sizes + reducedCount;
  const splits = strides + reducedCount;
  const lines = ['var restR = r;', 'var offset = base;'];
  for (let k = 0; k < reducedCount; k++) {
    lines.push(`{ let c = restR / u(${splits + k}u); restR = restR - c * u(${splits + k}u); offset = offset + c * u(${strides + k}u); }`);
  }
  return lines.join('\n    ');
}

export function reduceKernel(runtime: KernelRuntime, op: ReducePrimitive) {
  return ([x]: readonly KernelInput[], { axes }: { readonly axes: readonly number[] }, output: KernelOutput): DataId => {
    const outputSize = sizeOf(output.shape);
    const result = runtime.allocate(outputSize, output.dtype, op);
    if (outputSize === 0) return result;
    const reducedAxes = axes.filter((axis) => x.shape[axis] !== 1).sort((a, b) => a - b);
    const reducedSize = reducedAxes.reduce((total, axis) => total * x.shape[axis], 1);
    const rank = x.shape.length;
    const shared = outputSize < OUTPUTS_FOR_THREAD_PER_OUTPUT && reducedSize >= 2 * GROUP;
    const uniform = reduceUniforms(x.shape, reducedAxes, outputSize, reducedSize);
    const fold = foldOf(op, output.dtype);
    const type = WGSL_TYPE[output.dtype];
    const key = `reduce:${op}:${output.dtype}:r${rank}:k${reducedAxes.length}:${shared ? 'group' : 'thread'}`;
    const source = shared ? sharedSource(fold, type, rank, reducedAxes.length, uniform.length) : threadSource(fold, type, rank, reducedAxes.length, uniform.length);
    const workgroups = grid(shared ? outputSize : Math.ceil(outputSize / GROUP), runtime.maxWorkgroupsPerDimension);
    runtime.run({ key, label: op, signature: { inputs: 1, outputs: 1, uniform: true }, source: () => source }, [runtime.input(x, op), result], uniform, workgroups);
    return result;
  };
}

function header(type: string, words: number): string {
  return `${FLOAT_PRELUDE}
${uniformDeclaration(words, 2)}
@group(0) @binding(0) var<storage, read> x: array<${type}>;
@group(0) @binding(1) var<storage, read_write> result: array<${type}>;`;
}

function threadSource(fold: Fold, type: string, rank: number, reducedCount: number, words: number): string {
  return /* wgsl */ `${header(type, words)}
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let o = workgroup * ${GROUP}u + lid;
  if (o >= u(0u)) { return; }
  ${baseOffset(rank)}
  var accumulator: ${type} = ${fold.identity};
  for (var r = 0u; r < u(1u); r = r + 1u) {
    ${reducedOffset(rank, reducedCount)}
    accumulator = ${fold.combine('accumulator', 'x[offset]')};
  }
  result[o] = accumulator;
}`;
}

function sharedSource(fold: Fold, type: string, rank: number, reducedCount: number, words: number): string {
  return /* wgsl */ `${header(type, words)}
var<workgroup> partial: array<${type}, ${GROUP}>;
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let o = workgroup;
  let inRange = o < u(0u);
  var accumulator: ${type} = ${fold.identity};
  if (inRange) {
    ${baseOffset(rank)}
    for (var r = lid; r < u(1u); r = r + ${GROUP}u) {
      ${reducedOffset(rank, reducedCount)}
      accumulator = ${fold.combine('accumulator', 'x[offset]')};
    }
  }
  partial[lid] = accumulator;
  workgroupBarrier();
  for (var width = ${GROUP / 2}u; width > 0u; width = width / 2u) {
    if (lid < width) { partial[lid] = ${fold.combine('partial[lid]', 'partial[lid + width]')}; }
    workgroupBarrier();
  }
  if (inRange && lid == 0u) { result[o] = partial[0]; }
}`;
}

/**
 * argmax/argmin along one axis, one thread per output: ties keep the first index, and NaN beats
 * every number with the first NaN kept, as the CPU reference (and PyTorch) do.
 */
export function argReduceKernel(runtime: KernelRuntime, op: ArgReducePrimitive) {
  return ([x]: readonly KernelInput[], { axis }: { readonly axis: number }, output: KernelOutput): DataId => {
    const outputSize = sizeOf(output.shape);
    const result = runtime.allocate(outputSize, 'int32', op);
    if (outputSize === 0) return result;
    const rank = x.shape.length;
    const uniform = reduceUniforms(x.shape, [axis], outputSize, x.shape[axis]);
    const type = WGSL_TYPE[x.dtype];
    const better = op === 'argmax' ? '>' : '<';
    const isNan = x.dtype === 'float32' ? 'isNanF' : 'isNeverNan';
    const source = /* wgsl */ `${FLOAT_PRELUDE}
fn isNeverNan(value: ${type}) -> bool { return false; }
${uniformDeclaration(uniform.length, 2)}
@group(0) @binding(0) var<storage, read> x: array<${type}>;
@group(0) @binding(1) var<storage, read_write> result: array<i32>;
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let o = workgroup * ${GROUP}u + lid;
  if (o >= u(0u)) { return; }
  ${baseOffset(rank)}
  let stride = u(${2 + 2 * rank + 1}u);
  var best = x[base];
  var bestIndex = 0u;
  var bestIsNan = ${isNan}(best);
  for (var r = 1u; r < u(1u); r = r + 1u) {
    let candidate = x[base + r * stride];
    let candidateIsNan = ${isNan}(candidate);
    if (bestIsNan) { break; }
    if (candidateIsNan || candidate ${better} best) {
      best = candidate;
      bestIndex = r;
      bestIsNan = candidateIsNan;
    }
  }
  result[o] = i32(bestIndex);
}`;
    const key = `arg:${op}:${x.dtype}:r${rank}`;
    const workgroups = grid(Math.ceil(outputSize / GROUP), runtime.maxWorkgroupsPerDimension);
    runtime.run({ key, label: op, signature: { inputs: 1, outputs: 1, uniform: true }, source: () => source }, [runtime.input(x, op), result], uniform, workgroups);
    return result;
  };
}
