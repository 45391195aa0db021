import type { GradTensor } from './grad-tensor.js';

/** A window of an input's gradient: zero outside it. */
export interface Window {
  readonly begin: readonly number[];
  readonly gradient: GradTensor;
}

/**
 * The gradient a node has received so far: a dense part and windows. Windows are joined only once,
 * when the node is reached, so that k pieces cost one concat instead of k full-size pads and adds.
 */
export class GradientSum {
  #dense: GradTensor | null = null;
  readonly #windows: Window[] = [];

  constructor(readonly shape: readonly number[]) {}

  addDense(gradient: GradTensor): void {
    if (!this.#dense) {
      this.#dense = gradient;
      return;
    }
    const sum = this.#dense.add(gradient);
    this.#dense.dispose();
    gradient.dispose();
    this.#dense = sum;
  }

  addWindow(window: Window): void {
    this.#windows.push(window);
  }

  /** The whole gradient, owned by the caller; everything accumulated is released. */
  take(): GradTensor {
    let result = this.#dense;
    if (this.#windows.length > 0) {
      const joined = joinWindows(this.#windows, this.shape);
      for (const window of this.#windows) window.gradient.dispose();
      if (result) {
        const sum = result.add(joined);
        result.dispose();
        joined.dispose();
        result = sum;
      } else {
        result = joined;
      }
    }
    if (!result) throw new Error('backward: a gradient sum was taken empty (internal error)');
    return result;
  }
}

/** The one axis along which windows differ from the full shape, if they span it everywhere else. */
function splitAxis(windows: readonly Window[], shape: readonly number[]): number | null {
  let axis: number | null = null;
  for (const { begin, gradient } of windows) {
    for (let i = 0; i < shape.length; i++) {
      if (begin[i] === 0 && gradient.shape[i] === shape[i]) continue;
      if (axis !== null && axis !== i) return null;
      axis = i;
    }
  }
  return axis;
}

/**
 * Joins windows into a full-size gradient. When they are disjoint pieces along one axis, each is
 * padded only over the gap before it (zeros where no piece lies), then all are concatenated;
 * otherwise each is padded to full size and they are added.
 */
function joinWindows(windows: readonly Window[], shape: readonly number[]): GradTensor {
  const axis = splitAxis(windows, shape) ?? 0;
  const sorted = [...windows].sort((a, b) => a.begin[axis] - b.begin[axis]);
  const disjoint = sorted.every((w, i) => i === 0 || w.begin[axis] >= sorted[i - 1].begin[axis] + sorted[i - 1].gradient.shape[axis]);
  if (splitAxis(windows, shape) !== null && disjoint) {
    let covered = 0;
    const pieces = sorted.map((w, i) => {
      const before = w.begin[axis] - covered;
      covered = w.begin[axis] + w.gradient.shape[axis];
      const after = i === sorted.length - 1 ? shape[axis] - covered : 0;
      if (before === 0 && after === 0) return w.gradient.detach();
      return w.gradient.padAxes(shape.map((_, k) => (k === axis ? ([before, after] as const) : ([0, 0] as const))));
    });
    const [first, ...rest] = pieces;
    const joined = rest.length === 0 ? first.detach() : first.concat(rest, axis);
    for (const piece of pieces) piece.dispose();
    return joined;
  }
  let total: GradTensor | null = null;
  for (const { begin, gradient } of windows) {
    const full = gradient.padAxes(begin.map((b, k) => [b, shape[k] - b - gradient.shape[k]] as const));
    if (total) {
      const sum: GradTensor = total.add(full);
      total.dispose();
      full.dispose();
      total = sum;
    } else {
      total = full;
    }
  }
  return total!;
}
