import type { DType, UnaryPrimitive } from '@neurite/backend';
import type { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { cast } from './cast.js';

/** Ops whose result is always float (an integer input is converted first, as PyTorch does). */
const FLOAT_RESULT = new Set<UnaryPrimitive>(['exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'erf']);
/** Ops that make no sense on booleans. */
const NUMERIC_ONLY = new Set<UnaryPrimitive>(['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round']);

export function unary(primitive: UnaryPrimitive, x: Tensor, op: string = primitive): Tensor {
  x.assertUsable(op);
  if (primitive === 'logicalNot') return runKernel(primitive, [x], {}, { shape: x.shape, dtype: 'bool' }, op);
  if (x.dtype === 'bool' && NUMERIC_ONLY.has(primitive)) {
    throw new Error(`${op}: not defined for dtype 'bool' (cast to 'int32' or 'float32' first)`);
  }
  if (FLOAT_RESULT.has(primitive) && x.dtype !== 'float32') {
    const converted = cast(x, 'float32');
    const result = runKernel(primitive, [converted], {}, { shape: x.shape, dtype: 'float32' }, op);
    converted.dispose();
    return result;
  }
  // floor/ceil/round of an integer is the integer itself.
  if ((primitive === 'floor' || primitive === 'ceil' || primitive === 'round') && x.dtype === 'int32') return cast(x, 'int32');
  const dtype: DType = x.dtype;
  return runKernel(primitive, [x], {}, { shape: x.shape, dtype }, op);
}

export const neg = (x: Tensor): Tensor => unary('neg', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const sign = (x: Tensor): Tensor => unary('sign', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const log1p = (x: Tensor): Tensor => unary('log1p', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const rsqrt = (x: Tensor): Tensor => unary('rsqrt', x);
export const reciprocal = (x: Tensor): Tensor => unary('reciprocal', x);
export const sin = (x: Tensor): Tensor => unary('sin', x);
export const cos = (x: Tensor): Tensor => unary('cos', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const erf = (x: Tensor): Tensor => unary('erf', x);
export const floor = (x: Tensor): Tensor => unary('floor', x);
export const ceil = (x: Tensor): Tensor => unary('ceil', x);
export const round = (x: Tensor): Tensor => unary('round', x);
export const logicalNot = (x: Tensor): Tensor => unary('logicalNot', x);
