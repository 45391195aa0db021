import type { FunctionDefinition, FunctionIndex } from '@neurite/backend/wasm';
import { FunctionBuilder, call, f32, f32x4, forRange, i32, seq, v128, type Code, type Local } from '@neurite/backend/wasm';

/**
 * Single-precision `C = A @ Bᵀ` where both operands are contiguous along the depth: row i of A and
 * column j of B (row j of the stored Bᵀ) are two dense vectors, and C(i, j) is their dot product.
 * This is the weight gradient of a convolution (8x576 by 576x25 per image) and of a dense layer:
 * few rows, long depth, where the packed loop nest (sgemm.ts) spends more on packing B than it
 * saves. Here nothing is packed: a 2x4 tile keeps eight f32x4 partial sums, four depths at a time.
 *
 * Every element of C gets the same arithmetic whatever tile computes it: lane partial sums over
 * the depth's multiples of four, folded as (l0 + l1) + (l2 + l3), then the remaining products
 * added in order. So a caller splitting rows or columns among threads gets the same bits.
 */

const TILES: readonly (readonly [number, number])[] = [[2, 4], [2, 1], [1, 4], [1, 1]];
const tileName = (rows: number, columns: number): string => `sgemmDotTile${rows}x${columns}`;

const add = (a: Code, b: Code): Code => i32.add(a, b);
const mul = (a: Code, b: Code): Code => i32.mul(a, b);
const c = (value: number): Code => i32.const(value);

export function sgemmDotFunctions(relaxed: boolean, index: FunctionIndex): FunctionDefinition[] {
  return [driver(index), ...TILES.map(([rows, columns]) => dotTile(rows, columns, relaxed))];
}

/**
 * `sgemmDot(m, n, k, a, aRow, b, bColumn, c)`: A(i, p) at `a + i*aRow + 4p`, B(p, j) at
 * `b + j*bColumn + 4p`, C dense (byte strides and addresses).
 */
function driver(index: FunctionIndex): FunctionDefinition {
  const fn = new FunctionBuilder('sgemmDot', { m: 'i32', n: 'i32', k: 'i32', a: 'i32', aRow: 'i32', b: 'i32', bColumn: 'i32', c: 'i32' });
  const { m, n, k, a, aRow, b, bColumn } = fn.params;
  const [i, j, pairRows, quadColumns, rowBytes] = fn.locals('i32', 5);
  const tileCall = (rows: number, columns: number): Code =>
    call(index.of(tileName(rows, columns)),
      k.get(),
      add(a.get(), mul(i.get(), aRow.get())), aRow.get(),
      add(b.get(), mul(j.get(), bColumn.get())), bColumn.get(),
      add(fn.params.c.get(), add(mul(i.get(), rowBytes.get()), mul(j.get(), c(4)))), rowBytes.get());
  const rowStrip = (rows: number): Code => seq(
    forRange(j, c(0), quadColumns.get(), 4, tileCall(rows, 4)),
    forRange(j, quadColumns.get(), n.get(), 1, tileCall(rows, 1)),
  );
  return fn.finish(
    rowBytes.set(mul(n.get(), c(4))),
    pairRows.set(i32.and(m.get(), c(-2))),
    quadColumns.set(i32.and(n.get(), c(-4))),
    forRange(i, c(0), pairRows.get(), 2, rowStrip(2)),
    forRange(i, pairRows.get(), m.get(), 1, rowStrip(1)),
  );
}

/** One `rows x columns` tile of dot products (see the file's comment for the order of additions). */
function dotTile(rows: number, columns: number, relaxed: boolean): FunctionDefinition {
  const fn = new FunctionBuilder(tileName(rows, columns), { k: 'i32', a: 'i32', aRow: 'i32', b: 'i32', bColumn: 'i32', target: 'i32', targetRow: 'i32' });
  const { k, a, aRow, b, bColumn, target, targetRow } = fn.params;
  const [offset, vectorEnd, end] = fn.locals('i32', 3);
  const rowPointers = fn.locals('i32', rows);
  const columnPointers = fn.locals('i32', columns);
  const aVectors = fn.locals('v128', rows);
  const bVector = fn.locals('v128', 1)[0];
  const sums: Local[][] = Array.from({ length: rows }, () => fn.locals('v128', columns));
  const results: Local[][] = Array.from({ length: rows }, () => fn.locals('f32', columns));
  const multiplyAdd = (x: Code, y: Code, sum: Code): Code => (relaxed ? f32x4.relaxedMadd(x, y, sum) : f32x4.add(sum, f32x4.mul(x, y)));
  const each = (body: (r: number, col: number) => Code): Code =>
    seq(...Array.from({ length: rows }, (_, r) => seq(...Array.from({ length: columns }, (__, col) => body(r, col)))));

  const vectorStep: Code[] = rowPointers.map((pointer, r) => aVectors[r].set(v128.load(add(pointer.get(), offset.get()))));
  for (let col = 0; col < columns; col++) {
    vectorStep.push(bVector.set(v128.load(add(columnPointers[col].get(), offset.get()))));
    for (let r = 0; r < rows; r++) vectorStep.push(sums[r][col].set(multiplyAdd(aVectors[r].get(), bVector.get(), sums[r][col].get())));
  }
  const lane = (sum: Local, l: number): Code => f32x4.extractLane(sum.get(), l);
  const scalar = (pointer: Local): Code => f32.load(add(pointer.get(), offset.get()));
  return fn.finish(
    ...rowPointers.map((pointer, r) => pointer.set(add(a.get(), mul(c(r), aRow.get())))),
    ...columnPointers.map((pointer, col) => pointer.set(add(b.get(), mul(c(col), bColumn.get())))),
    each((r, col) => sums[r][col].set(v128.zero())),
    end.set(i32.shl(k.get(), c(2))),
    vectorEnd.set(i32.and(end.get(), c(-16))),
    forRange(offset, c(0), vectorEnd.get(), 16, ...vectorStep),
    each((r, col) => results[r][col].set(f32.add(f32.add(lane(sums[r][col], 0), lane(sums[r][col], 1)), f32.add(lane(sums[r][col], 2), lane(sums[r][col], 3))))),
    forRange(offset, vectorEnd.get(), end.get(), 4,
      each((r, col) => results[r][col].set(f32.add(results[r][col].get(), f32.mul(scalar(rowPointers[r]), scalar(columnPointers[col])))))),
    each((r, col) => f32.store(add(target.get(), add(mul(c(r), targetRow.get()), c(4 * col))), results[r][col].get())),
  );
}
