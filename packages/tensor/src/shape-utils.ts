/** Shape arithmetic shared by the ops. Every error names the op and the shapes involved. */

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** NumPy broadcasting of two shapes, or an error naming the op and both shapes. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const result = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (axis ${i - rank}: ${da} vs ${db})`,
      );
    }
    result[i] = da === 1 ? db : da;
  }
  return result;
}

/** A possibly negative axis made non-negative, or an error naming the op. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1)) {
    throw new Error(`${op}: axis ${axis} is out of range for a tensor of rank ${rank} (expected an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}])`);
  }
  return axis < 0 ? axis + Math.max(rank, 1) : axis;
}

/** Sorted unique non-negative axes; `null`/`undefined` means all axes. */
export function normalizeAxes(op: string, axes: number | readonly number[] | null | undefined, rank: number): number[] {
  if (axes === null || axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const normalized = list.map((axis) => normalizeAxis(op, axis, rank));
  if (new Set(normalized).size !== normalized.length) throw new Error(`${op}: axis list [${list.join(', ')}] names an axis twice`);
  return normalized.sort((x, y) => x - y);
}

export function checkShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape)) throw new Error(`${op}: expected a shape (an array of sizes), got ${String(shape)}`);
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) throw new Error(`${op}: shape ${formatShape(shape)} has an invalid size ${dim} (sizes are integers >= 0)`);
  }
}

export function sizeOfShape(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Resolves one -1 in a target shape from the number of elements. */
export function inferReshape(op: string, from: readonly number[], to: readonly number[]): number[] {
  const size = sizeOfShape(from);
  const unknown = to.filter((d) => d === -1).length;
  if (unknown > 1) throw new Error(`${op}: only one dimension can be -1, got ${formatShape(to)}`);
  const known = to.reduce((product, d) => (d === -1 ? product : product * d), 1);
  for (const dim of to) {
    if (dim !== -1 && (!Number.isInteger(dim) || dim < 0)) throw new Error(`${op}: invalid size ${dim} in ${formatShape(to)}`);
  }
  const result = to.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (sizeOfShape(result) !== size || !result.every(Number.isInteger)) {
    throw new Error(`${op}: cannot reshape a tensor of shape ${formatShape(from)} (${size} elements) into ${formatShape(to)}`);
  }
  return result;
}
