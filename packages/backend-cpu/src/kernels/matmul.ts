import type { CpuKernel, Operand } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { broadcastStrides } from '../strides.js';
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

/**
 * Batched `a @ b`. Batch axes broadcast; each output matrix is one `MatrixProduct`. Float outputs
 * use the blocked kernel, int32 the plain loop (the front end refuses bool).
 */
export const matmulKernel: CpuKernel<'matmul'> = ([a, b], { transposeA, transposeB }, output) => {
  const left = layoutOf(a.shape, transposeA);
  const right = layoutOf(b.shape, transposeB);
  const rows = left.rows;
  const depth = left.columns;
  const columns = right.columns;
  const outputMatrixSize = rows * columns;
  const batchShape = output.shape.slice(0, -2);
  if (outputMatrixSize === 0 || depth === 0) return; // already zeros (or empty)

  const multiply = output.dtype === 'float32' ? multiplyBlocked : multiplyInt32;
  const target = output.values;
  const product: MatrixProduct = {
    a: a.values, aStart: 0, aRowStride: left.rowStride, aColumnStride: left.columnStride,
    b: b.values, bStart: 0, bRowStride: right.rowStride, bColumnStride: right.columnStride,
    c: target, cStart: 0,
    rows, columns, depth,
  };

  const walk = new StridedRows(batchShape, [batchStrides(a, batchShape, left.size), batchStrides(b, batchShape, right.size)]);
  const { offsets, rowStrides, rowLength } = walk;
  let cStart = 0;
  for (let r = 0; r < walk.rowCount; r++) {
    for (let i = 0; i < rowLength; i++) {
      product.aStart = offsets[0] + i * rowStrides[0];
      product.bStart = offsets[1] + i * rowStrides[1];
      product.cStart = cStart;
      multiply(product);
      cStart += outputMatrixSize;
    }
    walk.next();
  }
};
