import type { CpuKernel, Operand } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { broadcastStrides } from '../strides.js';
import type { WasmKernels } from '../wasm/kernel-module.js';
import { multiplyBlocked, multiplyInt32, type MatrixProduct } from './matmul-blocked.js';

/** How one input's last two axes are read as a logical matrix, after an optional transpose. */
interface MatrixLayout {
  readonly rows: number;
  readonly columns: number;
  readonly rowStride: number;
  readonly columnStride: number;
  /** Elements per matrix in the buffer. */
  readonly size: number;
}

function layoutOf(shape: readonly number[], transpose: boolean): MatrixLayout {
  const storedRows = shape[shape.length - 2];
  const storedColumns = shape[shape.length - 1];
  const size = storedRows * storedColumns;
  return transpose
    ? { rows: storedColumns, columns: storedRows, rowStride: 1, columnStride: storedColumns, size }
    : { rows: storedRows, columns: storedColumns, rowStride: storedColumns, columnStride: 1, size };
}

/** Strides between the matrices of an input, broadcast over the output's batch axes. */
function batchStrides(input: Operand, batchShape: readonly number[], matrixSize: number): number[] {
  return broadcastStrides(input.shape.slice(0, -2), batchShape).map((stride) => stride * matrixSize);
}

/** The shapes of one batched product: each input's matrix layout, the batch walk, the sizes. */
function planOf(a: Operand, b: Operand, transposeA: boolean, transposeB: boolean, output: Operand) {
  const left = layoutOf(a.shape, transposeA);
  const right = layoutOf(b.shape, transposeB);
  const batchShape = output.shape.slice(0, -2);
  const walk = new StridedRows(batchShape, [batchStrides(a, batchShape, left.size), batchStrides(b, batchShape, right.size)]);
  return { left, right, rows: left.rows, depth: left.columns, columns: right.columns, walk };
}

/** Calls `each(aOffset, bOffset, cOffset)` (element offsets) for every matrix of the batch. */
function forEachMatrix(walk: StridedRows, outputMatrixSize: number, each: (aStart: number, bStart: number, cStart: number) => void): void {
  const { offsets, rowStrides, rowLength } = walk;
  let cStart = 0;
  for (let r = 0; r < walk.rowCount; r++) {
    for (let i = 0; i < rowLength; i++) {
      each(offsets[0] + i * rowStrides[0], offsets[1] + i * rowStrides[1], cStart);
      cStart += outputMatrixSize;
    }
    walk.next();
  }
}

/**
 * Batched `a @ b` in TypeScript. Batch axes broadcast; each output matrix is one `MatrixProduct`.
 * Float outputs use the blocked kernel, int32 the plain loop (the front end refuses bool).
 */
export const matmulKernel: CpuKernel<'matmul'> = ([a, b], { transposeA, transposeB }, output) => {
  output.values.fill(0); // both multiplies accumulate into C
  const { left, right, rows, depth, columns, walk } = planOf(a, b, transposeA, transposeB, output);
  if (rows * columns === 0 || depth === 0) return;
  const multiply = output.dtype === 'float32' ? multiplyBlocked : multiplyInt32;
  const product: MatrixProduct = {
    a: a.values, aStart: 0, aRowStride: left.rowStride, aColumnStride: left.columnStride,
    b: b.values, bStart: 0, bRowStride: right.rowStride, bColumnStride: right.columnStride,
    c: output.values, cStart: 0,
    rows, columns, depth,
  };
  forEachMatrix(walk, rows * columns, (aStart, bStart, cStart) => {
    product.aStart = aStart;
    product.bStart = bStart;
    product.cStart = cStart;
    multiply(product);
  });
};

/**
 * `A @ Bᵀ` with both read along the depth in place (the dot-product kernels of
 * `@neurite/backend/wasm`) when it has few rows: measured against the packed loop nest, 8x25x576
 * (a convolution's weight gradient, per image) 18 → 30 GFLOP/s, 64x10x256 11 → 17, 64x128x784
 * 36 → 40; even at 128-256 rows, behind at 1024 (36 vs 40).
 */
const DOT_MAX_ROWS = 64;

function useDot(left: MatrixLayout, right: MatrixLayout, rows: number, depth: number): boolean {
  return left.columnStride === 1 && right.rowStride === 1 && rows <= DOT_MAX_ROWS && depth >= 4;
}

/** Batched float32 `a @ b` on the WebAssembly SIMD kernel, in place in the heap; int32 stays in TypeScript. */
export function wasmMatmulKernel(wasm: WasmKernels): CpuKernel<'matmul'> {
  return (inputs, attributes, output) => {
    if (output.dtype !== 'float32') return matmulKernel(inputs, attributes, output);
    const [a, b] = inputs;
    const { left, right, rows, depth, columns, walk } = planOf(a, b, attributes.transposeA, attributes.transposeB, output);
    if (rows * columns === 0) return;
    if (depth === 0) {
      output.values.fill(0);
      return;
    }
    if (useDot(left, right, rows, depth)) {
      forEachMatrix(walk, rows * columns, (aStart, bStart, cStart) => {
        wasm.sgemmDot(rows, columns, depth, a.offset + 4 * aStart, 4 * left.rowStride, b.offset + 4 * bStart, 4 * right.columnStride, output.offset + 4 * cStart);
      });
      return;
    }
    forEachMatrix(walk, rows * columns, (aStart, bStart, cStart) => {
      wasm.sgemm(
        rows, columns, depth,
        a.offset + 4 * aStart, 4 * left.rowStride, 4 * left.columnStride,
        b.offset + 4 * bStart, 4 * right.rowStride, 4 * right.columnStride,
        output.offset + 4 * cStart,
      );
    });
  };
}

/**
 * Rows `[start, end)` of a float32 2-D product `a @ b`, on the path the whole product takes (the
 * path depends on its row count), so that threads splitting the rows of C get the whole product's
 * bits. `start` should be a multiple of 8, so that every thread's row tiles line up with the whole
 * product's.
 */
export function wasmMatmulRowRange(wasm: WasmKernels) {
  return ([a, b]: readonly Operand[], { transposeA, transposeB }: { readonly transposeA: boolean; readonly transposeB: boolean }, output: Operand, start: number, end: number): void => {
    const left = layoutOf(a.shape, transposeA);
    const right = layoutOf(b.shape, transposeB);
    const depth = left.columns;
    const columns = right.columns;
    const count = end - start;
    if (count <= 0 || columns === 0) return;
    if (depth === 0) {
      output.values.fill(0, start * columns, end * columns);
      return;
    }
    const aStart = a.offset + 4 * start * left.rowStride;
    const cStart = output.offset + 4 * start * columns;
    if (useDot(left, right, left.rows, depth)) {
      wasm.sgemmDot(count, columns, depth, aStart, 4 * left.rowStride, b.offset, 4 * right.columnStride, cStart);
    } else {
      wasm.sgemm(count, columns, depth, aStart, 4 * left.rowStride, 4 * left.columnStride, b.offset, 4 * right.rowStride, 4 * right.columnStride, cStart);
    }
  };
}
