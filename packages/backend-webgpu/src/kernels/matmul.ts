import { contiguousStrides, broadcastStrides, sizeOf, type DataId, type KernelInput, type KernelOutput, type PrimitiveAttributes } from '@neurite/backend';
import { grid, type KernelRuntime } from './kernel-runtime.js';
import { GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, WGSL_TYPE, uniformDeclaration } from './wgsl-prelude.js';

/**
 * Batched `a @ b` with broadcast batch axes and the transpose flags read as strides (no copies).
 *
 * The tiled shader: a workgroup of 16×16 threads computes a 64×64 block of the output, each thread
 * a 4×4 register tile; 64×16 panels of A and 16×64 of B are staged in workgroup memory per step of
 * 16 along the depth. Two paths serve shapes where tiles waste the workgroup:
 * - split-depth, for a few outputs with a long depth (a vector times a matrix's transpose, the
 *   gradient of a bias-like product): 64 threads per output element, each summing a strided
 *   share, joined by a tree;
 * - direct, for small products or a side under half a tile (a matrix times a vector, a
 *   convolution with few channels): a thread per output element with the depth in a loop, no
 *   workgroup memory and no barriers.
 */

const TILE = 64;
const DEPTH_STEP = 16;
const THREADS_PER_SIDE = 16;
const PER_THREAD = TILE / THREADS_PER_SIDE;
const SPLIT_GROUP = 64;
/** Uniform words before the batch strides: sizes, the four strides, first batch, batch count. */
const BATCH_WORDS = 9;
/**
 * Below this many multiply-adds per matrix, or with a side under half a tile (most of each tile's
 * threads would idle: a convolution's 8 or 16 output channels), a thread per output beats staging
 * tiles. Measured on SwiftShader, the conv products of the MNIST CNN ran 4-14x faster so.
 */
const DIRECT_WORK = 32 * 32 * 32;
const HALF_TILE = TILE / 2;
const DIRECT_GROUP = 64;

interface Layout {
  readonly rows: number;
  readonly columns: number;
  readonly rowStride: number;
  readonly columnStride: number;
}

/** How the last two axes of `shape` read as a (rows × columns) matrix after an optional transpose. */
function layoutOf(shape: readonly number[], transpose: boolean): Layout {
  const storedRows = shape[shape.length - 2];
  const storedColumns = shape[shape.length - 1];
  return transpose
    ? { rows: storedColumns, columns: storedRows, rowStride: 1, columnStride: storedColumns }
    : { rows: storedRows, columns: storedColumns, rowStride: storedColumns, columnStride: 1 };
}

export function matmulKernel(runtime: KernelRuntime) {
  return ([a, b]: readonly KernelInput[], { transposeA, transposeB }: PrimitiveAttributes['matmul'], output: KernelOutput): DataId => {
    const left = layoutOf(a.shape, transposeA);
    const right = layoutOf(b.shape, transposeB);
    const rows = left.rows;
    const depth = left.columns;
    const columns = right.columns;
    const batchShape = output.shape.slice(0, -2);
    const batches = sizeOf(batchShape);
    const result = runtime.allocate(sizeOf(output.shape), output.dtype, 'matmul');
    if (rows * columns * batches === 0) return result;
    const batchRank = batchShape.length;
    const aBatch = broadcastStrides(a.shape.slice(0, -2), batchShape).map((stride) => stride * a.shape[a.shape.length - 1] * a.shape[a.shape.length - 2]);
    const bBatch = broadcastStrides(b.shape.slice(0, -2), batchShape).map((stride) => stride * b.shape[b.shape.length - 1] * b.shape[b.shape.length - 2]);
    const split = rows * columns <= 64 && depth >= 1024;
    const direct = !split && (rows * columns * depth <= DIRECT_WORK || rows < HALF_TILE || columns < HALF_TILE);
    const type = WGSL_TYPE[output.dtype];
    const inputs = [runtime.input(a, 'matmul'), runtime.input(b, 'matmul'), result];
    // The batch is the z of the grid (tiled) or part of the linear grid (split); z has a limit too.
    const perDispatch = split || direct ? batches : Math.min(batches, runtime.maxWorkgroupsPerDimension);
    for (let first = 0; first < batches; first += perDispatch) {
      const count = Math.min(perDispatch, batches - first);
      const uniform = new UniformWords()
        .u32(rows, columns, depth, left.rowStride, left.columnStride, right.rowStride, right.columnStride, first, count)
        .u32(...contiguousStrides(batchShape), ...aBatch, ...bBatch)
        .finish();
      const program = {
        key: `matmul:${split ? 'split' : direct ? 'direct' : 'tiled'}:${output.dtype}:b${batchRank}`,
        label: 'matmul',
        signature: { inputs: 2, outputs: 1, uniform: true },
        source: () => (split ? splitSource(type, batchRank, uniform.length) : direct ? directSource(type, batchRank, uniform.length) : tiledSource(type, batchRank, uniform.length)),
      };
      const workgroups: readonly [number, number, number] = split
        ? grid(rows * columns * count, runtime.maxWorkgroupsPerDimension)
        : direct
          ? grid(Math.ceil((rows * columns * count) / DIRECT_GROUP), runtime.maxWorkgroupsPerDimension)
          : [Math.ceil(columns / TILE), Math.ceil(rows / TILE), count];
      runtime.run(program, inputs, uniform, workgroups);
    }
    return result;
  };
}

function header(type: string, batchRank: number, words: number): string {
  const offsets = ['var rest = batch;', 'var aOffset = 0u;', 'var bOffset = 0u;'];
  for (let axis = 0; axis < batchRank; axis++) {
    const split = BATCH_WORDS + axis;
    offsets.push(`{ let c = rest / u(${split}u); rest = rest - c * u(${split}u); aOffset = aOffset + c * u(${split + batchRank}u); bOffset = bOffset + c * u(${split + 2 * batchRank}u); }`);
  }
  return /* wgsl */ `
${uniformDeclaration(words, 3)}
@group(0) @binding(0) var<storage, read> a: array<${type}>;
@group(0) @binding(1) var<storage, read> b: array<${type}>;
@group(0) @binding(2) var<storage, read_write> result: array<${type}>;
fn batchOffsets(batch: u32) -> vec2<u32> {
  ${offsets.join('\n  ')}
  return vec2<u32>(aOffset, bOffset);
}`;
}

function tiledSource(type: string, batchRank: number, words: number): string {
  const zero = type === 'f32' ? '0.0' : '0';
  return /* wgsl */ `${header(type, batchRank, words)}
var<workgroup> panelA: array<array<${type}, ${DEPTH_STEP}>, ${TILE}>;
var<workgroup> panelB: array<array<${type}, ${TILE}>, ${DEPTH_STEP}>;

@compute @workgroup_size(${THREADS_PER_SIDE}, ${THREADS_PER_SIDE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let rows = u(0u);
  let columns = u(1u);
  let depth = u(2u);
  let batch = wid.z + u(7u);
  let offsets = batchOffsets(batch);
  let rowStart = wid.y * ${TILE}u;
  let columnStart = wid.x * ${TILE}u;
  var accumulators: array<${type}, ${PER_THREAD * PER_THREAD}>;
  for (var i = 0u; i < ${PER_THREAD * PER_THREAD}u; i = i + 1u) { accumulators[i] = ${zero}; }
  for (var k0 = 0u; k0 < depth; k0 = k0 + ${DEPTH_STEP}u) {
    for (var load = 0u; load < ${(TILE * DEPTH_STEP) / (THREADS_PER_SIDE * THREADS_PER_SIDE)}u; load = load + 1u) {
      let slot = lid + load * ${THREADS_PER_SIDE * THREADS_PER_SIDE}u;
      let m = slot / ${DEPTH_STEP}u;
      let k = slot % ${DEPTH_STEP}u;
      let row = rowStart + m;
      let kA = k0 + k;
      let inA = row < rows && kA < depth;
      panelA[m][k] = select(${zero}, a[select(0u, offsets.x + row * u(3u) + kA * u(4u), inA)], inA);
      let kB = k0 + slot / ${TILE}u;
      let column = columnStart + slot % ${TILE}u;
      let inB = kB < depth && column < columns;
      panelB[slot / ${TILE}u][slot % ${TILE}u] = select(${zero}, b[select(0u, offsets.y + kB * u(5u) + column * u(6u), inB)], inB);
    }
    workgroupBarrier();
    for (var k = 0u; k < ${DEPTH_STEP}u; k = k + 1u) {
      var fromB: array<${type}, ${PER_THREAD}>;
      for (var j = 0u; j < ${PER_THREAD}u; j = j + 1u) { fromB[j] = panelB[k][local.x * ${PER_THREAD}u + j]; }
      for (var i = 0u; i < ${PER_THREAD}u; i = i + 1u) {
        let fromA = panelA[local.y * ${PER_THREAD}u + i][k];
        for (var j = 0u; j < ${PER_THREAD}u; j = j + 1u) {
          accumulators[i * ${PER_THREAD}u + j] = accumulators[i * ${PER_THREAD}u + j] + fromA * fromB[j];
        }
      }
    }
    workgroupBarrier();
  }
  let outputOffset = batch * rows * columns;
  for (var i = 0u; i < ${PER_THREAD}u; i = i + 1u) {
    let row = rowStart + local.y * ${PER_THREAD}u + i;
    for (var j = 0u; j < ${PER_THREAD}u; j = j + 1u) {
      let column = columnStart + local.x * ${PER_THREAD}u + j;
      if (row < rows && column < columns) { result[outputOffset + row * columns + column] = accumulators[i * ${PER_THREAD}u + j]; }
    }
  }
}`;
}

/** One thread per output element, the whole depth in a loop: no barriers, for small products. */
function directSource(type: string, batchRank: number, words: number): string {
  const zero = type === 'f32' ? '0.0' : '0';
  return /* wgsl */ `${header(type, batchRank, words)}
@compute @workgroup_size(${DIRECT_GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let rows = u(0u);
  let columns = u(1u);
  let depth = u(2u);
  let perBatch = rows * columns;
  let index = workgroup * ${DIRECT_GROUP}u + lid;
  if (index >= perBatch * u(8u)) { return; }
  let batch = index / perBatch + u(7u);
  let element = index % perBatch;
  let row = element / columns;
  let column = element % columns;
  let offsets = batchOffsets(batch);
  var sum: ${type} = ${zero};
  var aAt = offsets.x + row * u(3u);
  var bAt = offsets.y + column * u(6u);
  for (var k = 0u; k < depth; k = k + 1u) {
    sum = sum + a[aAt] * b[bAt];
    aAt = aAt + u(4u);
    bAt = bAt + u(5u);
  }
  result[batch * perBatch + element] = sum;
}`;
}

function splitSource(type: string, batchRank: number, words: number): string {
  const zero = type === 'f32' ? '0.0' : '0';
  return /* wgsl */ `${header(type, batchRank, words)}
var<workgroup> partial: array<${type}, ${SPLIT_GROUP}>;

@compute @workgroup_size(${SPLIT_GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let rows = u(0u);
  let columns = u(1u);
  let depth = u(2u);
  let perBatch = rows * columns;
  let inRange = workgroup < perBatch * u(8u);
  let batch = workgroup / perBatch + u(7u);
  let element = workgroup % perBatch;
  let row = element / columns;
  let column = element % columns;
  let offsets = batchOffsets(batch);
  var sum: ${type} = ${zero};
  if (inRange) {
    for (var k = lid; k < depth; k = k + ${SPLIT_GROUP}u) {
      sum = sum + a[offsets.x + row * u(3u) + k * u(4u)] * b[offsets.y + k * u(5u) + column * u(6u)];
    }
  }
  partial[lid] = sum;
  workgroupBarrier();
  for (var width = ${SPLIT_GROUP / 2}u; width > 0u; width = width / 2u) {
    if (lid < width) { partial[lid] = partial[lid] + partial[lid + width]; }
    workgroupBarrier();
  }
  if (inRange && lid == 0u) { result[batch * perBatch + element] = partial[0]; }
}`;
}
