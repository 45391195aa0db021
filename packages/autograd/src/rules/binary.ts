import type { BinaryPrimitive } from '@neurite/backend';
import type { GradTensor } from '../grad-tensor.js';
import type { GradientRule } from './rule.js';
import { notDifferentiable } from './rule.js';

/** Broadcasting copied each input; its gradient sums those copies back to the input's shape. */
function reduced(gradient: GradTensor, input: GradTensor): GradTensor {
  return gradient.sumToSize(input.shape);
}

/**
 * maximum/minimum: the gradient goes to the input that won; on a tie each gets half (PyTorch's rule,
 * so that the two gradients still sum to the incoming one).
 */
function selectionRule(wins: (x: GradTensor, y: GradTensor) => GradTensor): GradientRule<'maximum' | 'minimum'> {
  return ({ grad, inputs: [a, b], needsInputGrad }) => {
    const halfOnTie = grad.mul(0.5).where(a.eq(b), 0);
    return [
      needsInputGrad[0] ? reduced(grad.where(wins(a, b), halfOnTie), a) : null,
      needsInputGrad[1] ? reduced(grad.where(wins(b, a), halfOnTie), b) : null,
    ];
  };
}

export const binaryRules: { readonly [P in BinaryPrimitive]: GradientRule<P> } = {
  add: ({ grad, inputs: [a, b], needsInputGrad }) => [
    needsInputGrad[0] ? reduced(grad, a) : null,
    needsInputGrad[1] ? reduced(grad, b) : null,
  ],
  sub: ({ grad, inputs: [a, b], needsInputGrad }) => [
    needsInputGrad[0] ? reduced(grad, a) : null,
    needsInputGrad[1] ? reduced(grad.neg(), b) : null,
  ],
  mul: ({ grad, inputs: [a, b], needsInputGrad }) => [
    needsInputGrad[0] ? reduced(grad.mul(b), a) : null,
    needsInputGrad[1] ? reduced(grad.mul(a), b) : null,
  ],
  div: ({ grad, inputs: [a, b], output, needsInputGrad }) => [
    needsInputGrad[0] ? reduced(grad.div(b), a) : null,
    // d(a/b)/db = -a/b^2 = -y/b
    needsInputGrad[1] ? reduced(grad.mul(output).div(b).neg(), b) : null,
  ],
  pow: ({ grad, inputs: [base, exponent], output, needsInputGrad }) => [
    needsInputGrad[0] ? reduced(grad.mul(exponent).mul(base.pow(exponent.sub(1))), base) : null,
    // d(a^b)/db = a^b log(a); PyTorch defines it as 0 where a == 0 (instead of 0 * -inf = NaN).
    needsInputGrad[1] ? reduced(grad.mul(output.mul(base.log())).where(base.ne(0), 0), exponent) : null,
  ],
  maximum: selectionRule((a, b) => a.gt(b)),
  minimum: selectionRule((a, b) => a.lt(b)),
  eq: notDifferentiable,
  ne: notDifferentiable,
  lt: notDifferentiable,
  le: notDifferentiable,
  gt: notDifferentiable,
  ge: notDifferentiable,
  logicalAnd: notDifferentiable,
  logicalOr: notDifferentiable,
};
