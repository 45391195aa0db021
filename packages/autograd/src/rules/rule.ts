import type { Primitive, PrimitiveAttributes } from '@neurite/backend';
import type { GradTensor } from '../grad-tensor.js';

/** What a gradient rule sees: the output's gradient and what the forward pass saved. */
export interface RuleContext<Attributes> {
  /** The gradient of the loss with respect to this op's output. */
  readonly grad: GradTensor;
  readonly inputs: readonly GradTensor[];
  readonly output: GradTensor;
  readonly attributes: Attributes;
  /** Whether input i needs a gradient; a rule may return null for the others and skip their work. */
  readonly needsInputGrad: readonly boolean[];
}

/**
 * A gradient that is zero except in one window of the input, given by where the window begins and
 * its values. The slice rule returns this instead of padding: the engine joins all the windows a
 * tensor receives (the pieces of a split, the time steps of an RNN) with one concat, where padding
 * each to full size and adding would cost O(pieces²).
 */
export interface WindowGradient {
  readonly window: { readonly begin: readonly number[] };
  readonly gradient: GradTensor;
}

/** One gradient per input (that input's shape, or a window of it), or null where none flows. */
export type RuleFor<Attributes> = (context: RuleContext<Attributes>) => readonly (GradTensor | WindowGradient | null)[];

export type GradientContext<P extends Primitive> = RuleContext<PrimitiveAttributes[P]>;
export type GradientRule<P extends Primitive> = RuleFor<PrimitiveAttributes[P]>;

/** One rule per primitive. Adding a primitive without a rule is a compile error here. */
export type GradientTable = { readonly [P in Primitive]: GradientRule<P> };

/** For ops whose result is constant almost everywhere (sign, floor, round): zero gradient, as PyTorch. */
export const zeroGradient: GradientRule<Primitive> = ({ inputs, needsInputGrad }) =>
  inputs.map((input, index) => (needsInputGrad[index] ? input.zerosLike() : null));

/** For ops whose output is boolean or integer: never recorded, so never called. */
export const notDifferentiable: GradientRule<Primitive> = ({ inputs }) => inputs.map(() => null);
