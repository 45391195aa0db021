import type { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { broadcastShapes, formatShape } from '../shape-utils.js';
import { tidyInternal } from '../runtime/memory.js';
import { cast } from './cast.js';

export interface MatmulOptions {
  /** Use the transpose of the last two axes of `a` (no copy is made). */
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
}

/**
 * Matrix product with PyTorch's rules: 1-D operands are promoted to a row or column and the added
 * axis removed from the result; batch dimensions broadcast.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  a.assertUsable('matmul');
  b.assertUsable('matmul');
  if (a.rank === 0 || b.rank === 0) {
    throw new Error(`matmul: both operands need at least one dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  if (a.dtype === 'bool' || b.dtype === 'bool' || a.dtype !== b.dtype) {
    if (a.dtype === 'bool' || b.dtype === 'bool') throw new Error(`matmul: not defined for dtype 'bool' (got '${a.dtype}' and '${b.dtype}')`);
    return tidyInternal(() => matmul(cast(a, 'float32'), cast(b, 'float32'), options));
  }
  const transposeA = options.transposeA ?? false;
  const transposeB = options.transposeB ?? false;
  if ((a.rank === 1 && transposeA) || (b.rank === 1 && transposeB)) {
    throw new Error('matmul: transposeA/transposeB need an operand of rank >= 2');
  }
  return tidyInternal(() => {
    const left = a.rank === 1 ? a.unsqueeze(0) : a;
    const right = b.rank === 1 ? b.unsqueeze(1) : b;
    const [m, kA] = transposeA ? [left.shape[left.rank - 1], left.shape[left.rank - 2]] : [left.shape[left.rank - 2], left.shape[left.rank - 1]];
    const [kB, n] = transposeB ? [right.shape[right.rank - 1], right.shape[right.rank - 2]] : [right.shape[right.rank - 2], right.shape[right.rank - 1]];
    if (kA !== kB) {
      throw new Error(
        `matmul: inner dimensions differ: ${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''} @ ${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''} (${kA} vs ${kB})`,
      );
    }
    const batch = broadcastShapes('matmul', left.shape.slice(0, -2), right.shape.slice(0, -2));
    const product = runKernel('matmul', [left, right], { transposeA, transposeB }, { shape: [...batch, m, n], dtype: a.dtype });
    if (a.rank === 1 && b.rank === 1) return product.reshape([]);
    if (a.rank === 1) return product.squeeze(-2);
    if (b.rank === 1) return product.squeeze(-1);
    return product;
  });
}
