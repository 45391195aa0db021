import type { KernelArray } from '@neurite/backend';

/**
 * softmax (or logSoftmax) along `axis` in one pass per row: the CPU backend's fused kernels (also
 * offered by the queued test backend). The row's maximum is subtracted first; `exp` runs once per
 * element (softmax keeps it in the output until the row's total is known), and sums are doubles.
 * The composition from primitives (`softmaxComposite`) is the reference it is tested against.
 */
export function softmaxAlongAxis(input: KernelArray, axis: number, output: KernelArray, log: boolean): void {
  const { shape, values } = input;
  const length = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const result = output.values;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * length * inner + i;
      const end = start + length * inner;
      let max = -Infinity;
      for (let at = start; at < end; at += inner) max = Math.max(max, values[at]);
      let total = 0;
      if (log) {
        for (let at = start; at < end; at += inner) total += Math.exp(values[at] - max);
        const logTotal = Math.log(total);
        for (let at = start; at < end; at += inner) result[at] = values[at] - max - logTotal;
      } else {
        for (let at = start; at < end; at += inner) {
          const e = Math.exp(values[at] - max);
          result[at] = e;
          total += e;
        }
        for (let at = start; at < end; at += inner) result[at] /= total;
      }
    }
  }
}
