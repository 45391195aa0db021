import type { GradientRule } from './rule.js';

/**
 * With A' = op(A) and B' = op(B) (op transposes the last two axes when asked), Y = A' B' gives
 * dA' = G B'^T and dB' = A'^T G. Each case is written as one matmul with transpose flags, so no
 * transposed copy is ever made. Broadcast batch dimensions are summed back to each input's shape.
 */
export const matmulRule: GradientRule<'matmul'> = ({ grad, inputs: [a, b], attributes, needsInputGrad }) => {
  const { transposeA, transposeB } = attributes;
  let gradA = null;
  let gradB = null;
  if (needsInputGrad[0]) {
    gradA = transposeA
      ? b.matmul(grad, { transposeA: transposeB, transposeB: true }) // dA = (G B'^T)^T = B' G^T
      : grad.matmul(b, { transposeB: !transposeB }); // dA = G B'^T
    gradA = gradA.sumToSize(a.shape);
  }
  if (needsInputGrad[1]) {
    gradB = transposeB
      ? grad.matmul(a, { transposeA: true, transposeB: transposeA }) // dB = (A'^T G)^T = G^T A'
      : a.matmul(grad, { transposeA: !transposeA }); // dB = A'^T G
    gradB = gradB.sumToSize(b.shape);
  }
  return [gradA, gradB];
};
