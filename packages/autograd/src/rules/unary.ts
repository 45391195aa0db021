import type { UnaryPrimitive } from '@neurite/backend';
import type { GradientRule } from './rule.js';
import { notDifferentiable, zeroGradient } from './rule.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const unaryRules: { readonly [P in UnaryPrimitive]: GradientRule<P> } = {
  neg: ({ grad }) => [grad.neg()],
  abs: ({ grad, inputs: [x] }) => [grad.mul(x.sign())],
  sign: zeroGradient,
  floor: zeroGradient,
  ceil: zeroGradient,
  round: zeroGradient,
  logicalNot: notDifferentiable,
  exp: ({ grad, output }) => [grad.mul(output)],
  log: ({ grad, inputs: [x] }) => [grad.div(x)],
  log1p: ({ grad, inputs: [x] }) => [grad.div(x.add(1))],
  // d sqrt(x) = 1 / (2 sqrt(x)): reuse the output rather than taking another root.
  sqrt: ({ grad, output }) => [grad.div(output.mul(2))],
  // d x^-1/2 = -1/2 x^-3/2 = -1/2 y^3
  rsqrt: ({ grad, output }) => [grad.mul(output.mul(output).mul(output)).mul(-0.5)],
  reciprocal: ({ grad, output }) => [grad.mul(output.mul(output)).neg()],
  sin: ({ grad, inputs: [x] }) => [grad.mul(x.cos())],
  cos: ({ grad, inputs: [x] }) => [grad.mul(x.sin()).neg()],
  tanh: ({ grad, output }) => [grad.mul(output.mul(output).neg().add(1))],
  sigmoid: ({ grad, output }) => [grad.mul(output.mul(output.neg().add(1)))],
  // NOTE: zero at x == 0, as PyTorch: the mask is x > 0, not x >= 0.
  relu: ({ grad, inputs: [x] }) => [grad.mul(x.gt(0))],
  erf: ({ grad, inputs: [x] }) => [grad.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))],
};
