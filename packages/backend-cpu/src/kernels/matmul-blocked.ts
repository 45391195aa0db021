import type { TypedArray } from '@neurite/backend';

/**
 * One matrix product `C[M,N] = A[M,K] @ B[K,N]` into a float output, with A and B read through
 * strides so that transposed inputs need no copy: A(i,k) is `a[aStart + i*aRowStride + k*aColumnStride]`
 * and B(k,j) is `b[bStart + k*bRowStride + j*bColumnStride]`. C is dense at `cStart`.
 */
export interface MatrixProduct {
  a: TypedArray; aStart: number; aRowStride: number; aColumnStride: number;
  b: TypedArray; bStart: number; bRowStride: number; bColumnStride: number;
  c: TypedArray; cStart: number;
  rows: number; columns: number; depth: number;
}

/** A K_BLOCK x J_BLOCK float32 panel of B is 128 KiB: it stays in L2 while every row of A passes over it. */
const K_BLOCK = 256;
const J_BLOCK = 128;

// Scratch reused across calls (JavaScript runs one kernel at a time), so small products allocate nothing.
let panel = new Float32Array(0);
const accumulators = new Float64Array(2 * J_BLOCK);

/**
 * Cache-blocked matmul. For each J_BLOCK-wide column strip and K_BLOCK-deep slab, the B panel is
 * packed densely (this also absorbs any transpose of B), then two rows of C at a time are
 * accumulated with an i-k-j loop unrolled four deep in k: each pass over the panel row loads four
 * B values and does sixteen flops, and the inner loop runs over contiguous memory. Within one
 * K_BLOCK-deep slab the partial sums are doubles (JavaScript's arithmetic); between slabs they
 * round to float32 when stored in C, so a deep product is a float32 sum of double-precision slabs.
 */
export function multiplyBlocked(product: MatrixProduct): void {
  const { a, aStart, aRowStride, aColumnStride, b, bStart, bRowStride, bColumnStride, c, cStart, rows, columns, depth } = product;
  if (panel.length < Math.min(K_BLOCK, depth) * Math.min(J_BLOCK, columns)) panel = new Float32Array(K_BLOCK * J_BLOCK);
  const pack = panel;
  const sums = accumulators;
  for (let j0 = 0; j0 < columns; j0 += J_BLOCK) {
    const width = Math.min(J_BLOCK, columns - j0);
    for (let k0 = 0; k0 < depth; k0 += K_BLOCK) {
      const slab = Math.min(K_BLOCK, depth - k0);
      for (let k = 0; k < slab; k++) {
        let source = bStart + (k0 + k) * bRowStride + j0 * bColumnStride;
        const target = k * width;
        for (let j = 0; j < width; j++, source += bColumnStride) pack[target + j] = b[source];
      }
      for (let i = 0; i < rows; i += 2) {
        // With an odd row count the last pass computes the final row twice and stores it once.
        const second = i + 1 < rows;
        const c0 = cStart + i * columns + j0;
        const c1 = c0 + columns;
        const a0 = aStart + i * aRowStride + k0 * aColumnStride;
        const a1 = second ? a0 + aRowStride : a0;
        for (let j = 0; j < width; j++) sums[j] = c[c0 + j];
        for (let j = 0; j < width; j++) sums[J_BLOCK + j] = second ? c[c1 + j] : 0;
        let k = 0;
        for (; k + 3 < slab; k += 4) {
          const q0 = k * aColumnStride;
          const q1 = q0 + aColumnStride;
          const q2 = q1 + aColumnStride;
          const q3 = q2 + aColumnStride;
          const x00 = a[a0 + q0], x01 = a[a0 + q1], x02 = a[a0 + q2], x03 = a[a0 + q3];
          const x10 = a[a1 + q0], x11 = a[a1 + q1], x12 = a[a1 + q2], x13 = a[a1 + q3];
          const p0 = k * width;
          const p1 = p0 + width;
          const p2 = p1 + width;
          const p3 = p2 + width;
          for (let j = 0; j < width; j++) {
            const y0 = pack[p0 + j], y1 = pack[p1 + j], y2 = pack[p2 + j], y3 = pack[p3 + j];
            sums[j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3;
            sums[J_BLOCK + j] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3;
          }
        }
        for (; k < slab; k++) {
          const x0 = a[a0 + k * aColumnStride];
          const x1 = a[a1 + k * aColumnStride];
          const p0 = k * width;
          for (let j = 0; j < width; j++) {
            const y = pack[p0 + j];
            sums[j] += x0 * y;
            sums[J_BLOCK + j] += x1 * y;
          }
        }
        for (let j = 0; j < width; j++) c[c0 + j] = sums[j];
        if (second) for (let j = 0; j < width; j++) c[c1 + j] = sums[J_BLOCK + j];
      }
    }
  }
}

/** The plain triple loop for int32 (wrapping like int32 arithmetic). */
export function multiplyInt32(product: MatrixProduct): void {
  const { a, aStart, aRowStride, aColumnStride, b, bStart, bRowStride, bColumnStride, c, cStart, rows, columns, depth } = product;
  for (let i = 0; i < rows; i++) {
    const cRow = cStart + i * columns;
    for (let k = 0; k < depth; k++) {
      const x = a[aStart + i * aRowStride + k * aColumnStride];
      const bRow = bStart + k * bRowStride;
      for (let j = 0; j < columns; j++) c[cRow + j] = (c[cRow + j] + Math.imul(x, b[bRow + j * bColumnStride])) | 0;
    }
  }
}
