import type { Primitive, PrimitiveAttributes } from '@neurite/backend';
import type { GradTensor } from '../grad-tensor.js';

/** What a gradient rule sees: the output's gradient and what the forward pass saved. */
export interface GradientContext<P extends Primitive> {
  /** The gradient of the loss with respect to this op's output. */
  readonly grad: GradTensor;
  readonly inputs: readonly GradTensor[];
  readonly output: GradTensor;
  readonly attributes: PrimitiveAttributes[P];
  /** Whether input i needs a gradient; a rule may return null for the others and skip their work. */
  readonly needsInputGrad: readonly boolean[];
}

/** Returns one gradient per input, each with that input's shape, or null where none flows. */
export type GradientRule<P extends Primitive> = (context: GradientContext<P>) => readonly (GradTensor | null)[];

/** One rule per primitive. Adding a primitive without a rule is a compile error here. */
export type GradientTable = { readonly [P in Primitive]: GradientRule<P> };

/** For ops whose result is constant almost everywhere (sign, floor, round): zero gradient, as PyTorch. */
export const zeroGradient: GradientRule<Primitive> = ({ inputs, needsInputGrad }) =>
  inputs.map((input, index) => (needsInputGrad[index] ? input.zerosLike() : null));

/** For ops whose output is boolean or integer: never recorded, so never called. */
export const notDifferentiable: GradientRule<Primitive> = ({ inputs }) => inputs.map(() => null);
