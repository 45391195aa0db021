import type { GradientRule } from './rule.js';

type ShapeRules = {
  readonly permute: GradientRule<'permute'>;
  readonly slice: GradientRule<'slice'>;
  readonly pad: GradientRule<'pad'>;
  readonly concat: GradientRule<'concat'>;
  readonly flip: GradientRule<'flip'>;
  readonly expand: GradientRule<'expand'>;
  readonly reshape: GradientRule<'reshape'>;
};

function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((axis, index) => (inverse[axis] = index));
  return inverse;
}

export const shapeRules: ShapeRules = {
  permute: ({ grad, attributes }) => [grad.permute(inversePermutation(attributes.perm))],
  // The adjoint of taking a window is putting it back among zeros: the engine does that, joining
  // every window a tensor gets at once.
  slice: ({ grad, attributes }) => [{ window: { begin: attributes.begin }, gradient: grad }],
  pad: ({ grad, inputs: [x], attributes }) => [grad.slice(attributes.before, x.shape)],
  concat: ({ grad, inputs, attributes, needsInputGrad }) => {
    const { axis } = attributes;
    let offset = 0;
    return inputs.map((input, index) => {
      const begin = grad.shape.map((_, i) => (i === axis ? offset : 0));
      offset += input.shape[axis];
      return needsInputGrad[index] ? grad.slice(begin, input.shape) : null;
    });
  },
  flip: ({ grad, attributes }) => [grad.flip(attributes.axes)],
  expand: ({ grad, inputs: [x] }) => [grad.sumToSize(x.shape)],
  reshape: ({ grad, inputs: [x] }) => [grad.reshape(x.shape)],
};
