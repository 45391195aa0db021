/**
 * Walks an n-dimensional index space one row at a time, keeping the offset of the current row in
 * several strided arrays ("operands") at once. Kernels loop over rows and run a tight loop along
 * each row, so the per-element work has no index arithmetic beyond one stride per operand.
 *
 * The space is simplified first: size-1 axes are dropped, and neighbouring axes merge wherever every
 * operand steps through them as one (stride[outer] == stride[inner] * size[inner]). A contiguous or
 * scalar-broadcast operation therefore becomes a single long row, which is the fast path.
 */
export class StridedRows {
  /** Elements in each row. */
  readonly rowLength: number;
  /** Rows in the whole space (0 when any axis has size 0). */
  readonly rowCount: number;
  /** For each operand, the step between neighbouring elements of a row. */
  readonly rowStrides: readonly number[];
  /** For each operand, where the current row starts. Updated in place by `next()`. */
  readonly offsets: number[];

  readonly #outerSizes: number[];
  /** Outer-axis strides, `operandCount` per axis. */
  readonly #outerStrides: number[];
  readonly #counters: number[];
  readonly #operandCount: number;

  constructor(shape: readonly number[], operandStrides: readonly (readonly number[])[], baseOffsets?: readonly number[]) {
    const operandCount = operandStrides.length;
    this.#operandCount = operandCount;
    this.offsets = baseOffsets ? [...baseOffsets] : new Array<number>(operandCount).fill(0);

    // Merged axes, innermost first.
    const sizes: number[] = [];
    const strides: number[][] = [];
    let empty = false;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const size = shape[axis];
      if (size === 0) empty = true;
      if (size === 1) continue;
      const last = sizes.length - 1;
      if (last >= 0 && operandStrides.every((operand, index) => operand[axis] === strides[last][index] * sizes[last])) {
        sizes[last] *= size;
      } else {
        sizes.push(size);
        strides.push(operandStrides.map((operand) => operand[axis]));
      }
    }

    this.rowLength = empty ? 0 : (sizes[0] ?? 1);
    this.rowStrides = strides[0] ?? new Array<number>(operandCount).fill(0);
    this.#outerSizes = sizes.slice(1);
    this.#outerStrides = strides.slice(1).flat();
    this.#counters = new Array<number>(this.#outerSizes.length).fill(0);
    let rowCount = 1;
    for (const size of this.#outerSizes) rowCount *= size;
    this.rowCount = empty ? 0 : rowCount;
  }

  /** Moves `offsets` to the next row (an odometer over the outer axes, innermost first). */
  next(): void {
    const sizes = this.#outerSizes;
    const strides = this.#outerStrides;
    const counters = this.#counters;
    const offsets = this.offsets;
    const operandCount = this.#operandCount;
    for (let axis = 0; axis < sizes.length; axis++) {
      const base = axis * operandCount;
      if (++counters[axis] < sizes[axis]) {
        for (let operand = 0; operand < operandCount; operand++) offsets[operand] += strides[base + operand];
        return;
      }
      counters[axis] = 0;
      const rewind = sizes[axis] - 1;
      for (let operand = 0; operand < operandCount; operand++) offsets[operand] -= strides[base + operand] * rewind;
    }
  }
}
