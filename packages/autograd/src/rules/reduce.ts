import type { ArgReducePrimitive, ReducePrimitive } from '@neurite/backend';
import type { GradTensor } from '../grad-tensor.js';
import type { GradientRule } from './rule.js';
import { notDifferentiable } from './rule.js';

/**
 * Reduction kernels keep reduced axes as size 1, so `grad` and `output` broadcast against the input
 * directly.
 */

/**
 * max/min: the gradient is shared evenly among the elements equal to the extreme (PyTorch's rule
 * for `amax`/`amin` and for full reductions).
 */
const extremeRule: GradientRule<'max' | 'min'> = ({ grad, inputs: [x], output, attributes }) => {
  const isExtreme = x.eq(output).cast('float32');
  const count = isExtreme.sum(attributes.axes, true);
  return [isExtreme.mul(grad.div(count))];
};

/**
 * prod: d/dx_i = prod of the others. `y / x_i` is that only when x_i != 0, so zeros are handled
 * apart: with one zero in a group only that element gets the product of the rest; with two or more,
 * every gradient in the group is 0.
 */
const productRule: GradientRule<'prod'> = ({ grad, inputs: [x], output, attributes }) => {
  const isZero = x.eq(0);
  const zerosInGroup = isZero.cast('float32').sum(attributes.axes, true);
  const safeX = x.where(x.ne(0), 1);
  const productOfNonZeros = safeX.prod(attributes.axes, true);
  const withoutZeros: GradTensor = grad.mul(output).div(safeX);
  const singleZero: GradTensor = grad.mul(productOfNonZeros).where(isZero, 0);
  return [withoutZeros.where(zerosInGroup.eq(0), singleZero.where(zerosInGroup.eq(1), 0))];
};

export const reduceRules: { readonly [P in ReducePrimitive | ArgReducePrimitive]: GradientRule<P> } = {
  sum: ({ grad, inputs: [x] }) => [grad.broadcastTo(x.shape)],
  prod: productRule,
  max: extremeRule,
  min: extremeRule,
  argmax: notDifferentiable,
  argmin: notDifferentiable,
};
