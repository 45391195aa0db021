import type { GradientRule } from './rule.js';

export const indexingRules: { readonly gather: GradientRule<'gather'>; readonly scatterAdd: GradientRule<'scatterAdd'> } = {
  // Each gathered element came from one place: send its gradient back there, adding on repeats.
  gather: ({ grad, inputs: [x, index], attributes }) => [x.zerosLike().scatterAdd(attributes.axis, index, grad), null],
  scatterAdd: ({ grad, inputs: [, index], attributes, needsInputGrad }) => [
    needsInputGrad[0] ? grad : null,
    null,
    needsInputGrad[2] ? grad.gather(attributes.axis, index) : null,
  ],
};
