import type { CpuKernelFunction } from '@neurite/tensor';

export interface SoftplusAttributes {
  readonly beta: number;
  /** Above beta·x > threshold the function is x itself (no overflow, as PyTorch). */
  readonly threshold: number;
}

/**
 * The CPU form: a pure function over typed arrays that fills the output the backend allocated. The
 * CPU backend runs it at once, the queued backend later; the worker backend's threads import this
 * file (built to dist/softplus-cpu.js, with no runtime imports) and run the same function there.
 */
export const softplusCpu: CpuKernelFunction<SoftplusAttributes> = ([x], { beta, threshold }, output) => {
  const values = x.values;
  const out = output.values;
  for (let i = 0; i < out.length; i++) {
    const scaled = beta * values[i];
    out[i] = scaled > threshold ? values[i] : Math.log1p(Math.exp(scaled)) / beta;
  }
};
