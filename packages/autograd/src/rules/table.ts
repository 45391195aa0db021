import type { GradientTable } from './rule.js';
import { binaryRules } from './binary.js';
import { indexingRules } from './indexing.js';
import { matmulRule } from './matmul.js';
import { reduceRules } from './reduce.js';
import { shapeRules } from './shape.js';
import { unaryRules } from './unary.js';

/** The gradient of every primitive, in one table. */
export const gradientRules: GradientTable = {
  ...unaryRules,
  ...binaryRules,
  ...reduceRules,
  ...shapeRules,
  ...indexingRules,
  matmul: matmulRule,
  // Only a float→float cast is recorded (integer and boolean results never require grad).
  cast: ({ grad }) => [grad],
  where: ({ grad, inputs: [condition, a, b], needsInputGrad }) => [
    null,
    needsInputGrad[1] ? grad.where(condition, 0).sumToSize(a.shape) : null,
    needsInputGrad[2] ? grad.zerosLike().where(condition, grad).sumToSize(b.shape) : null,
  ],
};
