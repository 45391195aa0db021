import type { BinaryPrimitive, DType } from '@neurite/backend';
import { COMPARISON_PRIMITIVES } from '@neurite/backend';
import { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { broadcastShapes } from '../shape-utils.js';
import { promoteTypes, scalarDType } from '../dtype-utils.js';
import { cast } from './cast.js';
import { checkTensorLike, scalarTensor, type TensorLike } from './scalars.js';

const COMPARISONS = new Set<BinaryPrimitive>(COMPARISON_PRIMITIVES);

/** The dtype the kernel computes in, from the operands' dtypes. */
function computeDType(primitive: BinaryPrimitive, a: DType, b: DType): DType {
  if (primitive === 'logicalAnd' || primitive === 'logicalOr') return 'bool';
  const common = promoteTypes(a, b);
  if (primitive === 'div') return 'float32'; // true division, as PyTorch's `/`
  // Arithmetic on booleans counts in integers (True + True = 2), comparisons keep them.
  if (common === 'bool' && !COMPARISONS.has(primitive)) return 'int32';
  return common;
}

function dtypeOf(value: TensorLike, other: TensorLike): DType {
  if (value instanceof Tensor) return value.dtype;
  if (other instanceof Tensor) return scalarDType(value, other.dtype);
  return typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int32' : 'float32';
}

/**
 * Runs a broadcasting binary primitive. Numbers become scalars of a fitting dtype; both operands
 * are converted to the common dtype so kernels always see matching inputs.
 */
export function binary(primitive: BinaryPrimitive, a: TensorLike, b: TensorLike, op: string = primitive): Tensor {
  checkTensorLike(op, a, 'the first operand');
  checkTensorLike(op, b, 'the second operand');
  const like = a instanceof Tensor ? a : b instanceof Tensor ? b : undefined;
  like?.assertUsable(op);
  const compute = computeDType(primitive, dtypeOf(a, b), dtypeOf(b, a));
  const temporaries: Tensor[] = [];
  const operand = (value: TensorLike): Tensor => {
    if (!(value instanceof Tensor)) {
      const scalar = scalarTensor(value, compute, like);
      temporaries.push(scalar);
      return scalar;
    }
    value.assertUsable(op);
    if (value.dtype === compute) return value;
    const converted = cast(value, compute);
    temporaries.push(converted);
    return converted;
  };
  const left = operand(a);
  const right = operand(b);
  const shape = broadcastShapes(op, left.shape, right.shape);
  const outputDType = COMPARISONS.has(primitive) ? 'bool' : compute;
  const result = runKernel(primitive, [left, right], {}, { shape, dtype: outputDType }, op);
  for (const temporary of temporaries) temporary.dispose();
  return result;
}

export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b);
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b);
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b);
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('div', a, b);
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('pow', a, b);
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b);
export const eq = (a: TensorLike, b: TensorLike): Tensor => binary('eq', a, b);
export const ne = (a: TensorLike, b: TensorLike): Tensor => binary('ne', a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => binary('lt', a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => binary('le', a, b);
export const gt = (a: TensorLike, b: TensorLike): Tensor => binary('gt', a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => binary('ge', a, b);
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => binary('logicalAnd', a, b);
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => binary('logicalOr', a, b);
