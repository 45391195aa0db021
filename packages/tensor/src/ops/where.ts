import type { DType } from '@neurite/backend';
import { Tensor } from '../tensor.js';
import { runKernel } from '../runtime/dispatch.js';
import { broadcastShapes } from '../shape-utils.js';
import { promoteTypes, scalarDType } from '../dtype-utils.js';
import { cast } from './cast.js';
import { describeNonTensor } from '../runtime/foreign-tensor.js';
import { checkTensorLike, scalarTensor, type TensorLike } from './scalars.js';

/** Picks `a` where `condition` is true and `b` elsewhere, broadcasting all three. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (!(condition instanceof Tensor)) throw new Error(`where: the condition must be a Tensor, got ${describeNonTensor(condition)}`);
  condition.assertUsable('where');
  checkTensorLike('where', a, 'the value where true');
  checkTensorLike('where', b, 'the value where false');
  const dtypeOf = (value: TensorLike, other: TensorLike): DType | undefined =>
    value instanceof Tensor ? value.dtype : other instanceof Tensor ? scalarDType(value, other.dtype) : undefined;
  const dtype = promoteTypes(dtypeOf(a, b) ?? dtypeOf(b, a) ?? 'float32', dtypeOf(b, a) ?? dtypeOf(a, b) ?? 'float32');
  const temporaries: Tensor[] = [];
  const operand = (value: TensorLike, wanted: DType): Tensor => {
    if (!(value instanceof Tensor)) {
      const scalar = scalarTensor(value, wanted, condition);
      temporaries.push(scalar);
      return scalar;
    }
    value.assertUsable('where');
    if (value.dtype === wanted) return value;
    const converted = cast(value, wanted);
    temporaries.push(converted);
    return converted;
  };
  const mask = operand(condition, 'bool');
  const left = operand(a, dtype);
  const right = operand(b, dtype);
  const shape = broadcastShapes('where', broadcastShapes('where', mask.shape, left.shape), right.shape);
  const result = runKernel('where', [mask, left, right], {}, { shape, dtype });
  for (const temporary of temporaries) temporary.dispose();
  return result;
}
