import { arange, where, type Tensor } from '@neurite/tensor';

/**
 * What `true` means in a boolean mask. PyTorch uses both conventions: `scaled_dot_product_attention`
 * takes "true = take part", `MultiheadAttention` and the Transformer layers "true = masked out".
 */
export type BooleanMaskMeaning = 'attend' | 'ignore';

/**
 * A mask as a float tensor added to the attention scores: 0 where a key takes part, -Infinity where
 * it is masked out. Float masks already are additive and are returned as they are.
 */
export function additiveMask(caller: string, name: string, mask: Tensor, trueMeans: BooleanMaskMeaning): Tensor {
  if (mask.dtype === 'float32') return mask;
  if (mask.dtype !== 'bool') {
    throw new Error(`${caller}: ${name} must be a bool or float32 tensor, got '${mask.dtype}' (shape [${mask.shape.join(', ')}])`);
  }
  return trueMeans === 'attend' ? where(mask, 0, -Infinity) : where(mask, -Infinity, 0);
}

/** `[length, sourceLength]` bool, true where query i may see key j (j <= i): the causal pattern, top-left aligned as PyTorch. */
export function causalAllowed(length: number, sourceLength: number): Tensor {
  // Built with ops rather than from a JS array, so it is made where the backend keeps its data.
  return arange(0, sourceLength, 1, 'int32').le(arange(0, length, 1, 'int32').unsqueeze(1));
}

/**
 * PyTorch's `Transformer.generate_square_subsequent_mask`: a float `[size, size]` mask with -Infinity
 * above the diagonal, for `tgtMask`/`srcMask` so that position i attends only to positions <= i.
 */
export function generateSquareSubsequentMask(size: number): Tensor {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`generateSquareSubsequentMask: size must be a positive integer, got ${size}`);
  const allowed = causalAllowed(size, size);
  const mask = where(allowed, 0, -Infinity);
  allowed.dispose();
  return mask;
}

export const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
