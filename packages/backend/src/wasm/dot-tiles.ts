import { FunctionBuilder, call, f32, f32x4, forRange, i32, select, seq, v128, type Code, type Local } from './instructions.js';
import type { FunctionDefinition, FunctionIndex } from './module-builder.js';

/**
 * Generated kernels for `C = Σ_s A_s @ B_sᵀ` where every operand is contiguous along the depth:
 * row i of A_s and column j of B_s (row j of the stored B_sᵀ) are dense vectors, and C(i, j) is
 * the sum over the segments s of their dot products. One segment is a plain `A @ Bᵀ` (a dense
 * layer's forward, a convolution's per-image weight gradient); several are a gradient summed over
 * a batch without materialising the per-image products. Nothing is packed: a 2x4 tile keeps eight
 * f32x4 partial sums, four depths at a time, across all segments.
 *
 * Every element of C gets the same arithmetic whatever tile computes it. Segments go in blocks of
 * eight; per block, lane partial sums over each segment's multiples of four, the remaining
 * products summed apart in order, then ((l0 + l1) + (l2 + l3)) + rest, added to C after the first
 * block. So a caller splitting rows or columns among threads gets the same bits.
 *
 * `dotProductFunctions(name, ...)` defines `name(m, n, k, segments, a, aRow, aSegment, b, bColumn,
 * bSegment, c)`: A_s(i, p) at `a + s*aSegment + i*aRow + 4p`, B_s(p, j) at
 * `b + s*bSegment + j*bColumn + 4p`, C dense [m, n] at `c` (byte addresses and strides).
 */

/**
 * Segments per pass over the tiles, so their rows stay in cache while every tile reads them. For
 * a convolution's weight gradient over 64 images (per image 16x64 by 64x200), measured: 1 per
 * pass 31.7 GFLOP/s, 4: 38.2, 8: 38.0, 16: 34.9, all 64: 33.8; for 8x576 by 576x25: 8 is best too.
 */
const SEGMENT_BLOCK = 8;

const TILES: readonly (readonly [number, number])[] = [[2, 4], [2, 1], [1, 4], [1, 1]];

const add = (a: Code, b: Code): Code => i32.add(a, b);
const mul = (a: Code, b: Code): Code => i32.mul(a, b);
const c = (value: number): Code => i32.const(value);

export function dotProductFunctions(name: string, relaxed: boolean, index: FunctionIndex): FunctionDefinition[] {
  const tileName = (rows: number, columns: number): string => `${name}Tile${rows}x${columns}`;
  return [driver(name, tileName, index), ...TILES.map(([rows, columns]) => dotTile(tileName(rows, columns), rows, columns, relaxed))];
}

function driver(name: string, tileName: (rows: number, columns: number) => string, index: FunctionIndex): FunctionDefinition {
  const fn = new FunctionBuilder(name, {
    m: 'i32', n: 'i32', k: 'i32', segments: 'i32', a: 'i32', aRow: 'i32', aSegment: 'i32', b: 'i32', bColumn: 'i32', bSegment: 'i32', c: 'i32',
  });
  const { m, n, k, segments, a, aRow, aSegment, b, bColumn, bSegment } = fn.params;
  const [i, j, pairRows, quadColumns, rowBytes, chunk, chunkSegments, chunkA, chunkB] = fn.locals('i32', 9);
  const tileCall = (rows: number, columns: number): Code =>
    call(index.of(tileName(rows, columns)),
      k.get(), chunkSegments.get(),
      add(chunkA.get(), mul(i.get(), aRow.get())), aRow.get(), aSegment.get(),
      add(chunkB.get(), mul(j.get(), bColumn.get())), bColumn.get(), bSegment.get(),
      add(fn.params.c.get(), add(mul(i.get(), rowBytes.get()), mul(j.get(), c(4)))), rowBytes.get(),
      i32.eqz(chunk.get()));
  const rowStrip = (rows: number): Code => seq(
    forRange(j, c(0), quadColumns.get(), 4, tileCall(rows, 4)),
    forRange(j, quadColumns.get(), n.get(), 1, tileCall(rows, 1)),
  );
  return fn.finish(
    rowBytes.set(mul(n.get(), c(4))),
    pairRows.set(i32.and(m.get(), c(-2))),
    quadColumns.set(i32.and(n.get(), c(-4))),
    forRange(chunk, c(0), segments.get(), SEGMENT_BLOCK,
      chunkSegments.set(i32.minS(c(SEGMENT_BLOCK), i32.sub(segments.get(), chunk.get()))),
      chunkA.set(add(a.get(), mul(chunk.get(), aSegment.get()))),
      chunkB.set(add(b.get(), mul(chunk.get(), bSegment.get()))),
      forRange(i, c(0), pairRows.get(), 2, rowStrip(2)),
      forRange(i, pairRows.get(), m.get(), 1, rowStrip(1)),
    ),
  );
}

/** One `rows x columns` tile of dot products (see the file's comment for the order of additions). */
function dotTile(name: string, rows: number, columns: number, relaxed: boolean): FunctionDefinition {
  const fn = new FunctionBuilder(name, {
    k: 'i32', segments: 'i32', a: 'i32', aRow: 'i32', aSegment: 'i32', b: 'i32', bColumn: 'i32', bSegment: 'i32', target: 'i32', targetRow: 'i32', first: 'i32',
  });
  const { k, segments, a, aRow, aSegment, b, bColumn, bSegment, target, targetRow, first } = fn.params;
  const [offset, vectorEnd, end, segment] = fn.locals('i32', 4);
  const rowPointers = fn.locals('i32', rows);
  const columnPointers = fn.locals('i32', columns);
  const aVectors = fn.locals('v128', rows);
  const bVector = fn.locals('v128', 1)[0];
  const sums: Local[][] = Array.from({ length: rows }, () => fn.locals('v128', columns));
  const rests: Local[][] = Array.from({ length: rows }, () => fn.locals('f32', columns));
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
  const folded = (r: number, col: number): Code =>
    f32.add(f32.add(f32.add(lane(sums[r][col], 0), lane(sums[r][col], 1)), f32.add(lane(sums[r][col], 2), lane(sums[r][col], 3))), rests[r][col].get());
  return fn.finish(
    each((r, col) => seq(sums[r][col].set(v128.zero()), rests[r][col].set(f32.const(0)))),
    end.set(i32.shl(k.get(), c(2))),
    vectorEnd.set(i32.and(end.get(), c(-16))),
    forRange(segment, c(0), segments.get(), 1,
      ...rowPointers.map((pointer, r) => pointer.set(add(add(a.get(), mul(segment.get(), aSegment.get())), mul(c(r), aRow.get())))),
      ...columnPointers.map((pointer, col) => pointer.set(add(add(b.get(), mul(segment.get(), bSegment.get())), mul(c(col), bColumn.get())))),
      forRange(offset, c(0), vectorEnd.get(), 16, ...vectorStep),
      forRange(offset, vectorEnd.get(), end.get(), 4,
        each((r, col) => rests[r][col].set(f32.add(rests[r][col].get(), f32.mul(scalar(rowPointers[r]), scalar(columnPointers[col])))))),
    ),
    // The block's value, folded once into its `rest` local (select evaluates both operands).
    each((r, col) => rests[r][col].set(folded(r, col))),
    each((r, col) => {
      const address = add(target.get(), add(mul(c(r), targetRow.get()), c(4 * col)));
      return f32.store(address, select(rests[r][col].get(), f32.add(f32.load(address), rests[r][col].get()), first.get()));
    }),
  );
}
