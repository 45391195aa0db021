import { contiguousStrides, sizeOf, indexOutOfRangeMessage, type DataId, type KernelInput, type KernelOutput, type PrimitiveAttributes } from '@neurite/backend';
import { grid, type KernelRuntime } from './kernel-runtime.js';
import { runStridedMap } from './strided-map.js';
import { GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, WGSL_TYPE, uniformDeclaration } from './wgsl-prelude.js';

/**
 * gather and scatterAdd, the two kernels whose indices only the data can check. An index out of
 * range claims the dispatch's data-error slot (see DataErrorSlots) and its element is left 0 (gather)
 * or not added (scatterAdd); the error reaches the user at the next read or sync.
 *
 * Both walk the index tensor: position p reads (or adds into) the other tensor at p with p[axis]
 * replaced by index[p]. scatterAdd adds with atomics, so repeated indices accumulate: int32 with
 * atomicAdd, bool with atomicOr, float32 with a compare-and-swap loop on the bits (WGSL has no
 * float atomics), in an order that varies from run to run.
 */

const GROUP = 64;

/** Uniforms: count, slot, axis size, axis stride, index strides (to split p), other strides with the axis left out. */
function indexUniforms(index: KernelInput, otherShape: readonly number[], axis: number, slot: number): Uint32Array {
  const otherStrides = contiguousStrides(otherShape);
  return new UniformWords()
    .u32(sizeOf(index.shape), slot, otherShape[axis], otherStrides[axis])
    .u32(...contiguousStrides(index.shape))
    .u32(...otherStrides.map((stride, d) => (d === axis ? 0 : stride)))
    .finish();
}

/** WGSL: `i` (the index position), `value` (the index) and `position` (in the other tensor, axis left out). */
function walk(rank: number): string {
  const lines = [`${LINEAR_WORKGROUP}`, `let i = workgroup * ${GROUP}u + lid;`, 'if (i >= u(0u)) { return; }', 'var rest = i;', 'var position = 0u;'];
  for (let axis = 0; axis < rank; axis++) {
    lines.push(`{ let c = rest / u(${4 + axis}u); rest = rest - c * u(${4 + axis}u); position = position + c * u(${4 + rank + axis}u); }`);
  }
  lines.push('let value = indices[i];', 'if (value < 0 || u32(value) >= u(2u)) {', '  if (atomicMax(&errors[2u * u(1u)], 1u) == 0u) { atomicStore(&errors[2u * u(1u) + 1u], bitcast<u32>(value)); }');
  return lines.join('\n  ');
}

export function gatherKernel(runtime: KernelRuntime) {
  return ([x, index]: readonly KernelInput[], { axis, label }: PrimitiveAttributes['gather'], output: KernelOutput): DataId => {
    const size = sizeOf(output.shape);
    const result = runtime.allocate(size, output.dtype, 'gather');
    if (size === 0) return result;
    const axisSize = x.shape[axis];
    const { slot, binding } = runtime.errorSlot((value) => indexOutOfRangeMessage('gather', value, axis, axisSize, label));
    const uniform = indexUniforms(index, x.shape, axis, slot);
    const type = WGSL_TYPE[x.dtype];
    const rank = index.shape.length;
    const source = /* wgsl */ `
${uniformDeclaration(uniform.length, 4)}
@group(0) @binding(0) var<storage, read> x: array<${type}>;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> result: array<${type}>;
@group(0) @binding(3) var<storage, read_write> errors: array<atomic<u32>>;
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${walk(rank)}
    result[i] = ${type}(0);
    return;
  }
  result[i] = x[position + u32(value) * u(3u)];
}`;
    runtime.run(
      { key: `gather:${x.dtype}:r${rank}`, label: label?.op ?? 'gather', signature: { inputs: 2, outputs: 2, uniform: true }, source: () => source },
      [runtime.input(x, 'gather'), runtime.input(index, 'gather'), result, binding],
      uniform,
      grid(Math.ceil(size / GROUP), runtime.maxWorkgroupsPerDimension),
    );
    return result;
  };
}

const ACCUMULATE: Readonly<Record<KernelOutput['dtype'], { readonly atomic: string; readonly add: string }>> = {
  int32: { atomic: 'i32', add: 'atomicAdd(&result[destination], source[i]);' },
  bool: { atomic: 'u32', add: 'atomicOr(&result[destination], select(0u, 1u, source[i] != 0u));' },
  float32: {
    atomic: 'u32',
    add: `var seen = atomicLoad(&result[destination]);
  loop {
    let swap = atomicCompareExchangeWeak(&result[destination], seen, bitcast<u32>(bitcast<f32>(seen) + source[i]));
    if (swap.exchanged) { break; }
    seen = swap.old_value;
  }`,
  },
};

export function scatterAddKernel(runtime: KernelRuntime) {
  return ([target, index, source]: readonly KernelInput[], { axis, label }: PrimitiveAttributes['scatterAdd'], output: KernelOutput): DataId => {
    const size = sizeOf(output.shape);
    const result = runtime.allocate(size, output.dtype, 'scatterAdd');
    // The output starts as a copy of the target.
    runStridedMap(runtime, {
      expressionKey: 'copy',
      label: 'scatterAdd',
      expression: ([v]) => v,
      iterationShape: output.shape,
      inputs: [{ buffer: runtime.input(target, 'scatterAdd'), operand: { dtype: target.dtype, addressing: 'linear' } }],
      output: { buffer: result, operand: { dtype: output.dtype, addressing: 'linear' } },
    });
    const count = sizeOf(index.shape);
    if (count === 0 || size === 0) return result;
    const axisSize = target.shape[axis];
    const { slot, binding } = runtime.errorSlot((value) => indexOutOfRangeMessage('scatterAdd', value, axis, axisSize, label));
    const uniform = indexUniforms(index, target.shape, axis, slot);
    const rank = index.shape.length;
    const sourceStrides = contiguousStrides(source.shape);
    const indexStrides = contiguousStrides(index.shape);
    // The source is read at p's coordinates with its own strides (it may be larger than the index).
    const sameLayout = sourceStrides.every((stride, d) => stride === indexStrides[d]);
    const words = new UniformWords();
    for (const word of uniform) words.u32(word);
    const sourceWord = uniform.length;
    if (!sameLayout) words.u32(...sourceStrides);
    const sourcePosition = sameLayout ? 'i' : sourcePositionOf(rank, sourceWord);
    const accumulate = ACCUMULATE[output.dtype];
    const wgsl = /* wgsl */ `
${uniformDeclaration(words.length, 4)}
@group(0) @binding(0) var<storage, read> indices: array<i32>;
@group(0) @binding(1) var<storage, read> source: array<${WGSL_TYPE[source.dtype]}>;
@group(0) @binding(2) var<storage, read_write> result: array<atomic<${accumulate.atomic}>>;
@group(0) @binding(3) var<storage, read_write> errors: array<atomic<u32>>;
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${walk(rank)}
    return;
  }
  let destination = position + u32(value) * u(3u);
  let at = ${sourcePosition};
  ${accumulate.add.replaceAll('source[i]', 'source[at]')}
}`;
    runtime.run(
      { key: `scatterAdd:${output.dtype}:r${rank}:${sameLayout ? 'same' : 'strided'}:w${words.length}`, label: label?.op ?? 'scatterAdd', signature: { inputs: 2, outputs: 2, uniform: true }, source: () => wgsl },
      [runtime.input(index, 'scatterAdd'), runtime.input(source, 'scatterAdd'), result, binding],
      words.finish(),
      grid(Math.ceil(count / GROUP), runtime.maxWorkgroupsPerDimension),
    );
    return result;
  };
}

function sourcePositionOf(rank: number, firstWord: number): string {
  // Coordinate d of p is (p / stride[d]) % (stride[d - 1] / stride[d]), from the index's strides.
  const terms = ['0u'];
  for (let axis = 0; axis < rank; axis++) {
    const coordinate = axis === 0 ? `(i / u(${4 + axis}u))` : `((i / u(${4 + axis}u)) % (u(${3 + axis}u) / u(${4 + axis}u)))`;
    terms.push(`${coordinate} * u(${firstWord + axis}u)`);
  }
  return terms.join(' + ');
}
