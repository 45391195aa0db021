import { defineOp, type Backend, type DataId, type KernelInput, type Tensor } from '@neurite/tensor';

export interface SoftplusAttributes {
  readonly beta: number;
  /** Above beta·x > threshold the function is x itself (no overflow, as PyTorch). */
  readonly threshold: number;
}

/** The CPU kernel: any backend that reads synchronously can run it through the public contract. */
function softplusKernel(backend: Backend) {
  return ([x]: readonly KernelInput[], { beta, threshold }: SoftplusAttributes): DataId => {
    const size = x.shape.reduce((a, b) => a * b, 1);
    const values = backend.readSync(x.dataId, 'float32', size) as Float32Array;
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const scaled = beta * values[i];
      out[i] = scaled > threshold ? values[i] : Math.log1p(Math.exp(scaled)) / beta;
    }
    return backend.upload(out, 'float32');
  };
}

/** softplus(x) = log(1 + e^(βx)) / β, a plugin op with a CPU kernel and its own gradient. */
export const softplusOp = defineOp<SoftplusAttributes>({
  name: 'example.softplus',
  output([x], { beta, threshold }) {
    if (x.dtype !== 'float32') throw new Error(`softplus: expected a float32 tensor, got ${x.dtype}`);
    if (!(beta > 0) || !Number.isFinite(threshold)) throw new Error(`softplus: beta must be > 0 and threshold finite, got beta=${beta}, threshold=${threshold}`);
    return { shape: x.shape, dtype: 'float32' };
  },
  kernels: { cpu: softplusKernel },
  // d/dx softplus = sigmoid(βx), and exactly 1 where the function is linear.
  backward: ({ grad, inputs: [x], attributes: { beta, threshold } }) => {
    const slope = x.mul(beta).sigmoid().where(x.mul(beta).le(threshold), 1);
    return [grad.mul(slope)];
  },
});

export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return softplusOp([x], { beta, threshold });
}
