import type { CpuKernel } from '../operand.js';
import { StridedRows } from '../strided-rows.js';
import { broadcastStrides, contiguousStrides } from '../strides.js';

/** `where(condition, a, b)`: picks from `a` where the condition is true, else from `b`; all broadcast. */
export const whereKernel: CpuKernel<'where'> = ([condition, a, b], _attributes, output) => {
  const walk = new StridedRows(output.shape, [
    contiguousStrides(output.shape),
    broadcastStrides(condition.shape, output.shape),
    broadcastStrides(a.shape, output.shape),
    broadcastStrides(b.shape, output.shape),
  ]);
  const { offsets, rowStrides, rowLength } = walk;
  const [, conditionStride, aStride, bStride] = rowStrides;
  const result = output.values;
  const conditionValues = condition.values;
  const aValues = a.values;
  const bValues = b.values;
  for (let r = 0; r < walk.rowCount; r++) {
    let conditionIndex = offsets[1];
    let aIndex = offsets[2];
    let bIndex = offsets[3];
    const start = offsets[0];
    for (let i = 0; i < rowLength; i++, conditionIndex += conditionStride, aIndex += aStride, bIndex += bStride) {
      result[start + i] = conditionValues[conditionIndex] !== 0 ? aValues[aIndex] : bValues[bIndex];
    }
    walk.next();
  }
};
