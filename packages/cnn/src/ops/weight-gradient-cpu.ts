import type { CpuKernelFunction } from '@neurite/tensor';

/** The CPU form: each element's products in order of (n, l), summed in doubles. */
export const weightGradientCpu: CpuKernelFunction<Record<string, never>> = ([grad, columns], _attributes, output) => {
  const [batch, outChannels, positions] = grad.shape;
  const patch = columns.shape[1];
  const g = grad.values;
  const x = columns.values;
  const result = output.values;
  for (let o = 0; o < outChannels; o++) {
    for (let k = 0; k < patch; k++) {
      let sum = 0;
      for (let n = 0; n < batch; n++) {
        const gRow = (n * outChannels + o) * positions;
        const xRow = (n * patch + k) * positions;
        for (let l = 0; l < positions; l++) sum += g[gRow + l] * x[xRow + l];
      }
      result[o * patch + k] = sum;
    }
  }
};
