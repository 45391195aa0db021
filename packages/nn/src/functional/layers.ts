import type { Tensor } from '@neurite/tensor';
import { defaultGenerator, rand, tidy, type Generator } from '@neurite/tensor';

/** `x Wᵀ + b` with PyTorch's `[out, in]` weight layout (no transposed copy is made). */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (input.shape[input.rank - 1] !== weight.shape[1]) {
    throw new Error(`linear: input has ${input.shape[input.rank - 1]} features (shape [${input.shape.join(', ')}]), the weight expects ${weight.shape[1]} (weight shape [${weight.shape.join(', ')}])`);
  }
  return tidy(() => {
    const product = input.matmul(weight, { transposeB: true });
    return bias ? product.add(bias) : product;
  });
}

export interface DropoutOptions {
  readonly training?: boolean;
  readonly generator?: Generator;
}

/** Zeroes each element with probability `p` in training and scales the rest by 1/(1-p). */
export function dropout(input: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must be in [0, 1], got ${p}`);
  if (!(options.training ?? true) || p === 0) return input.clone();
  if (p === 1) return input.mul(0);
  return tidy(() => {
    const keep = rand(input.shape, { generator: options.generator ?? defaultGenerator }).ge(p);
    return input.mul(keep).mul(1 / (1 - p));
  });
}

/** Normalises over the last `normalizedShape.length` axes, then scales and shifts (biased variance, as PyTorch). */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const trailing = input.shape.slice(input.rank - normalizedShape.length);
  if (trailing.join() !== normalizedShape.join()) {
    throw new Error(`layerNorm: the input's last axes [${trailing.join(', ')}] (shape [${input.shape.join(', ')}]) do not match normalizedShape [${normalizedShape.join(', ')}]`);
  }
  const axes = normalizedShape.map((_, i) => input.rank - normalizedShape.length + i);
  return tidy(() => {
    const centered = input.sub(input.mean(axes, true));
    const variance = centered.square().mean(axes, true);
    let result = centered.mul(variance.add(eps).rsqrt());
    if (weight) result = result.mul(weight);
    if (bias) result = result.add(bias);
    return result;
  });
}

/** Rows of `weight` picked by int32 `indices`: shape `[...indices.shape, dim]`. */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx?: number | null): Tensor {
  if (indices.dtype !== 'int32') throw new Error(`embedding: indices must be int32, got '${indices.dtype}'`);
  return tidy(() => {
    const label = { op: 'embedding', what: 'index', range: 'embeddings' };
    const rows = weight.indexSelect(0, indices.reshape([-1]), { label }).reshape([...indices.shape, weight.shape[1]]);
    if (paddingIdx === undefined || paddingIdx === null) return rows;
    // Padding positions contribute no gradient to their row (PyTorch's padding_idx).
    return rows.mul(indices.ne(paddingIdx).unsqueeze(-1));
  });
}
