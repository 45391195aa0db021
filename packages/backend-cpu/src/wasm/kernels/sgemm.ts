import type { FunctionDefinition, FunctionIndex } from '@neurite/backend/wasm';
import { FunctionBuilder, call, f32, f32x4, forRange, i32, ifElse, ifThen, select, seq, v128, type Code, type Local } from '@neurite/backend/wasm';

/** The register tile is `rows x 8`: each row of it is two f32x4 accumulators. */
export const TILE_COLUMNS = 8;

export interface SgemmShape {
  /** Rows of the register tile (accumulators = 2 * rows; 16 vector registers bound it). */
  readonly tileRows: number;
  /** Depth of one packed slab (its B panel stays in cache while A passes over it). */
  readonly depthBlock: number;
  readonly rowBlock: number;
  readonly columnBlock: number;
  /**
   * Products with at most this many rows read B in place when its rows are contiguous, instead of
   * packing it: few row tiles pass over each B panel, too few to repay the copy.
   */
  readonly directRows: number;
  /** Use f32x4.relaxed_madd instead of mul then add. */
  readonly relaxed: boolean;
}

/** Bytes of scratch `sgemm` needs: the packed B panel, the packed A block and one edge tile. */
export function sgemmScratchBytes(shape: SgemmShape): number {
  const { tileRows, depthBlock, rowBlock, columnBlock } = shape;
  const paddedRows = Math.ceil(rowBlock / tileRows) * tileRows;
  return 4 * (depthBlock * columnBlock + paddedRows * depthBlock + tileRows * TILE_COLUMNS);
}

const add = (a: Code, b: Code): Code => i32.add(a, b);
const mul = (a: Code, b: Code): Code => i32.mul(a, b);
const c = (value: number): Code => i32.const(value);
const increment = (local: Local, amount: Code): Code => local.set(add(local.get(), amount));

/**
 * Single-precision `C = A @ B` for one matrix, in the Goto/BLIS loop nest: a B panel
 * (depthBlock x columnBlock) and an A block (rowBlock x depthBlock) are packed into scratch, then a
 * register tile of C is accumulated over the slab's depth. A and B are read through byte strides,
 * so transposed inputs cost nothing extra. Each element of C sums its products in order of k,
 * from k = 0, whatever the blocking: a caller that splits the rows or columns of C among threads
 * gets the same bits.
 */
export function sgemmFunctions(shape: SgemmShape, index: FunctionIndex): FunctionDefinition[] {
  return [sgemm(shape, index), packA(shape), packB(), tile(shape, index), microKernel(shape)];
}

function sgemm(shape: SgemmShape, index: FunctionIndex): FunctionDefinition {
  const { tileRows, depthBlock, rowBlock, columnBlock, directRows } = shape;
  const fn = new FunctionBuilder('sgemm', {
    m: 'i32', n: 'i32', k: 'i32',
    a: 'i32', aRow: 'i32', aColumn: 'i32',
    b: 'i32', bRow: 'i32', bColumn: 'i32',
    c: 'i32', scratch: 'i32',
  });
  const { m, n, k, a, aRow, aColumn, b, bRow, bColumn, scratch } = fn.params;
  const [jc, pc, ic, jr, ir, nc, kc, mc, packedA, edge, direct, panel, packedFrom, strip, stripStride] = fn.locals('i32', 15);
  const paddedRows = Math.ceil(rowBlock / tileRows) * tileRows;
  return fn.finish(
    packedA.set(add(scratch.get(), c(4 * depthBlock * columnBlock))),
    edge.set(add(packedA.get(), c(4 * paddedRows * depthBlock))),
    direct.set(i32.and(i32.eq(bColumn.get(), c(4)), i32.leS(m.get(), c(directRows)))),
    forRange(jc, c(0), n.get(), columnBlock,
      nc.set(i32.minS(c(columnBlock), i32.sub(n.get(), jc.get()))),
      forRange(pc, c(0), k.get(), depthBlock,
        kc.set(i32.minS(c(depthBlock), i32.sub(k.get(), pc.get()))),
        panel.set(add(b.get(), add(mul(pc.get(), bRow.get()), mul(jc.get(), bColumn.get())))),
        // Read in place, only the last, partial strip is packed; otherwise the whole panel.
        packedFrom.set(select(i32.sub(nc.get(), i32.remS(nc.get(), c(TILE_COLUMNS))), c(0), direct.get())),
        call(index.of('sgemmPackB'),
          add(panel.get(), mul(packedFrom.get(), bColumn.get())), bRow.get(), bColumn.get(),
          kc.get(), i32.sub(nc.get(), packedFrom.get()), add(scratch.get(), mul(mul(packedFrom.get(), kc.get()), c(4)))),
        forRange(ic, c(0), m.get(), rowBlock,
          mc.set(i32.minS(c(rowBlock), i32.sub(m.get(), ic.get()))),
          call(index.of('sgemmPackA'),
            add(a.get(), add(mul(ic.get(), aRow.get()), mul(pc.get(), aColumn.get()))), aRow.get(), aColumn.get(),
            mc.get(), kc.get(), packedA.get()),
          forRange(jr, c(0), nc.get(), TILE_COLUMNS,
            ifElse(i32.ltS(jr.get(), packedFrom.get()),
              seq(strip.set(add(panel.get(), mul(jr.get(), c(4)))), stripStride.set(bRow.get())),
              seq(strip.set(add(scratch.get(), mul(mul(jr.get(), kc.get()), c(4)))), stripStride.set(c(4 * TILE_COLUMNS)))),
            forRange(ir, c(0), mc.get(), tileRows,
              call(index.of('sgemmTile'),
                kc.get(),
                add(packedA.get(), mul(mul(ir.get(), kc.get()), c(4))),
                strip.get(), stripStride.get(),
                add(fn.params.c.get(), mul(add(mul(add(ic.get(), ir.get()), n.get()), add(jc.get(), jr.get())), c(4))),
                mul(n.get(), c(4)),
                i32.minS(c(tileRows), i32.sub(mc.get(), ir.get())),
                i32.minS(c(TILE_COLUMNS), i32.sub(nc.get(), jr.get())),
                i32.eqz(pc.get()),
                edge.get()),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Packs rows of A into strips of `tileRows`, each stored k-major: `[k][row]`, zero-padded. */
function packA({ tileRows }: SgemmShape): FunctionDefinition {
  const fn = new FunctionBuilder('sgemmPackA', { source: 'i32', rowStride: 'i32', columnStride: 'i32', rows: 'i32', depth: 'i32', target: 'i32' });
  const { source, rowStride, columnStride, rows, depth, target } = fn.params;
  const [strip, kk, r, height, from] = fn.locals('i32', 5);
  const fullStrip: Code[] = [];
  for (let row = 0; row < tileRows; row++) {
    fullStrip.push(f32.store(target.get(), f32.load(from.get()), 4 * row));
    if (row + 1 < tileRows) fullStrip.push(increment(from, rowStride.get()));
  }
  return fn.finish(
    forRange(strip, c(0), rows.get(), tileRows,
      height.set(i32.minS(c(tileRows), i32.sub(rows.get(), strip.get()))),
      forRange(kk, c(0), depth.get(), 1,
        from.set(add(source.get(), add(mul(strip.get(), rowStride.get()), mul(kk.get(), columnStride.get())))),
        ifElse(i32.eq(height.get(), c(tileRows)),
          seq(...fullStrip),
          seq(
            ...Array.from({ length: tileRows }, (_, row) => f32.store(target.get(), f32.const(0), 4 * row)),
            forRange(r, c(0), height.get(), 1,
              f32.store(add(target.get(), mul(r.get(), c(4))), f32.load(add(from.get(), mul(r.get(), rowStride.get()))))),
          )),
        increment(target, c(4 * tileRows)),
      ),
    ),
  );
}

/** Byte indices picking 32-bit lanes `lanes` of `a` (0-3) and `b` (4-7) for v128.shuffle. */
function laneBytes(lanes: readonly number[]): number[] {
  return lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]);
}

/**
 * Transposes the 4x4 block whose rows are `rows` (four vectors) into four vectors of its columns,
 * stored at `target + offsets[i]`: two rounds of two-input shuffles.
 */
function transpose4x4(rows: readonly Code[], low: Local, high: Local, lowNext: Local, highNext: Local, target: Local, offsets: readonly number[]): Code {
  const interleaveLow = laneBytes([0, 4, 1, 5]);
  const interleaveHigh = laneBytes([2, 6, 3, 7]);
  const halves = [laneBytes([0, 1, 4, 5]), laneBytes([2, 3, 6, 7])];
  return seq(
    low.set(v128.shuffle(rows[0], rows[1], interleaveLow)), // r0[0] r1[0] r0[1] r1[1]
    high.set(v128.shuffle(rows[0], rows[1], interleaveHigh)), // r0[2] r1[2] r0[3] r1[3]
    lowNext.set(v128.shuffle(rows[2], rows[3], interleaveLow)),
    highNext.set(v128.shuffle(rows[2], rows[3], interleaveHigh)),
    v128.store(target.get(), v128.shuffle(low.get(), lowNext.get(), halves[0]), offsets[0]),
    v128.store(target.get(), v128.shuffle(low.get(), lowNext.get(), halves[1]), offsets[1]),
    v128.store(target.get(), v128.shuffle(high.get(), highNext.get(), halves[0]), offsets[2]),
    v128.store(target.get(), v128.shuffle(high.get(), highNext.get(), halves[1]), offsets[3]),
  );
}

/**
 * Packs columns of B into strips of 8, each stored k-major: `[k][column]`, zero-padded. Two fast
 * paths: rows contiguous (two vector copies per k), and columns contiguous (B transposed: four k at
 * a time, as two 4x4 transposes); anything else element by element.
 */
function packB(): FunctionDefinition {
  const fn = new FunctionBuilder('sgemmPackB', { source: 'i32', rowStride: 'i32', columnStride: 'i32', depth: 'i32', columns: 'i32', target: 'i32' });
  const { source, rowStride, columnStride, depth, columns, target } = fn.params;
  const [strip, kk, j, width, from, quads] = fn.locals('i32', 6);
  const [low, high, lowNext, highNext] = fn.locals('v128', 4);
  const column = (index: number): Code => v128.load(add(from.get(), mul(c(index), columnStride.get())));
  const elementwise = seq(
    v128.store(target.get(), v128.zero()),
    v128.store(target.get(), v128.zero(), 16),
    forRange(j, c(0), width.get(), 1,
      f32.store(add(target.get(), mul(j.get(), c(4))), f32.load(add(from.get(), mul(j.get(), columnStride.get()))))),
  );
  const kStart = (): Code => from.set(add(source.get(), add(mul(kk.get(), rowStride.get()), mul(strip.get(), columnStride.get()))));
  const transposed = seq(
    quads.set(i32.and(depth.get(), c(-4))),
    forRange(kk, c(0), quads.get(), 4,
      kStart(),
      transpose4x4([0, 1, 2, 3].map(column), low, high, lowNext, highNext, target, [0, 32, 64, 96]),
      transpose4x4([4, 5, 6, 7].map(column), low, high, lowNext, highNext, target, [16, 48, 80, 112]),
      increment(target, c(4 * 4 * TILE_COLUMNS)),
    ),
    forRange(kk, quads.get(), depth.get(), 1, kStart(), elementwise, increment(target, c(4 * TILE_COLUMNS))),
  );
  const general = forRange(kk, c(0), depth.get(), 1,
    kStart(),
    ifElse(i32.and(i32.eq(width.get(), c(TILE_COLUMNS)), i32.eq(columnStride.get(), c(4))),
      seq(v128.store(target.get(), v128.load(from.get())), v128.store(target.get(), v128.load(from.get(), 16), 16)),
      elementwise),
    increment(target, c(4 * TILE_COLUMNS)),
  );
  return fn.finish(
    forRange(strip, c(0), columns.get(), TILE_COLUMNS,
      width.set(i32.minS(c(TILE_COLUMNS), i32.sub(columns.get(), strip.get()))),
      ifElse(i32.and(i32.eq(width.get(), c(TILE_COLUMNS)), i32.eq(rowStride.get(), c(4))), transposed, general),
    ),
  );
}

/**
 * One register tile. A tile cut by the edge of C runs through a dense scratch tile, so the
 * micro-kernel only ever sees full tiles and every element gets the same arithmetic.
 */
function tile({ tileRows }: SgemmShape, index: FunctionIndex): FunctionDefinition {
  const fn = new FunctionBuilder('sgemmTile', {
    depth: 'i32', packedA: 'i32', packedB: 'i32', bStride: 'i32', target: 'i32', targetRowBytes: 'i32',
    rows: 'i32', columns: 'i32', first: 'i32', edge: 'i32',
  });
  const { depth, packedA, packedB, bStride, target, targetRowBytes, rows, columns, first, edge } = fn.params;
  const [r, j] = fn.locals('i32', 2);
  const edgeRowBytes = 4 * TILE_COLUMNS;
  const eachValid = (body: Code): Code => forRange(r, c(0), rows.get(), 1, forRange(j, c(0), columns.get(), 1, body));
  const targetAddress = add(target.get(), add(mul(r.get(), targetRowBytes.get()), mul(j.get(), c(4))));
  const edgeAddress = add(edge.get(), add(mul(r.get(), c(edgeRowBytes)), mul(j.get(), c(4))));
  return fn.finish(
    ifElse(i32.and(i32.eq(rows.get(), c(tileRows)), i32.eq(columns.get(), c(TILE_COLUMNS))),
      call(index.of('sgemmMicroKernel'), depth.get(), packedA.get(), packedB.get(), bStride.get(), target.get(), targetRowBytes.get(), first.get()),
      seq(
        ifThen(i32.eqz(first.get()), eachValid(f32.store(edgeAddress, f32.load(targetAddress)))),
        call(index.of('sgemmMicroKernel'), depth.get(), packedA.get(), packedB.get(), bStride.get(), edge.get(), c(edgeRowBytes), first.get()),
        eachValid(f32.store(targetAddress, f32.load(edgeAddress))),
      )),
  );
}

/**
 * `tileRows x 8` accumulators in registers; per k, one splat of A per row and two vectors of B,
 * whose rows are `bStride` bytes apart (32 when packed).
 */
function microKernel({ tileRows, relaxed }: SgemmShape): FunctionDefinition {
  const fn = new FunctionBuilder('sgemmMicroKernel', { depth: 'i32', packedA: 'i32', packedB: 'i32', bStride: 'i32', target: 'i32', rowBytes: 'i32', first: 'i32' });
  const { depth, packedA, packedB, bStride, target, rowBytes, first } = fn.params;
  const accumulators = fn.locals('v128', 2 * tileRows);
  const [left, right, splat] = fn.locals('v128', 3);
  const [kk, row] = fn.locals('i32', 2);
  const rowAddress = (tileRow: number): Code => add(target.get(), mul(c(tileRow), rowBytes.get()));
  const multiplyAdd = (x: Code, y: Code, sum: Code): Code => (relaxed ? f32x4.relaxedMadd(x, y, sum) : f32x4.add(sum, f32x4.mul(x, y)));

  const load: Code[] = [];
  const store: Code[] = [];
  for (let tileRow = 0; tileRow < tileRows; tileRow++) {
    const [low, high] = [accumulators[2 * tileRow], accumulators[2 * tileRow + 1]];
    load.push(row.set(rowAddress(tileRow)), low.set(v128.load(row.get())), high.set(v128.load(row.get(), 16)));
    store.push(row.set(rowAddress(tileRow)), v128.store(row.get(), low.get()), v128.store(row.get(), high.get(), 16));
  }
  // Not unrolled: V8 unrolls this small loop itself, and a hand-unrolled body measured a quarter
  // slower (1024-matmul, 42 vs 28-32 GFLOP/s unrolled 2 or 4 deep).
  const step: Code[] = [left.set(v128.load(packedB.get())), right.set(v128.load(packedB.get(), 16))];
  for (let tileRow = 0; tileRow < tileRows; tileRow++) {
    const [low, high] = [accumulators[2 * tileRow], accumulators[2 * tileRow + 1]];
    step.push(
      splat.set(v128.load32Splat(packedA.get(), 4 * tileRow)),
      low.set(multiplyAdd(splat.get(), left.get(), low.get())),
      high.set(multiplyAdd(splat.get(), right.get(), high.get())),
    );
  }
  return fn.finish(
    ifElse(first.get(), seq(...accumulators.map((accumulator) => accumulator.set(v128.zero()))), seq(...load)),
    forRange(kk, c(0), depth.get(), 1, ...step, increment(packedA, c(4 * tileRows)), increment(packedB, bStride.get())),
    ...store,
  );
}
