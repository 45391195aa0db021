import type { KernelArray } from '@neurite/backend';

/**
 * softmax (or logSoftmax) along `axis` in one pass per row: the fused kernel the queued backend
 * offers so that the front end's fused-composite path is exercised against its composition.
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
      let max = -Infinity;
      for (let k = 0; k < length; k++) max = Math.max(max, values[start + k * inner]);
      let total = 0;
      for (let k = 0; k < length; k++) total += Math.exp(values[start + k * inner] - max);
      const logTotal = Math.log(total);
      for (let k = 0; k < length; k++) {
        const shifted = values[start + k * inner] - max;
        result[start + k * inner] = log ? shifted - logTotal : Math.exp(shifted) / total;
      }
    }
  }
}
