import { tensor, type DType, type Tensor } from '@neurite/tensor';
import { expectClose } from '@neurite/tensor/testing';

/** A tensor as the fixture generators write it. */
export interface TensorFixture {
  readonly shape: number[];
  readonly dtype: DType;
  readonly values: number[];
}

export const fromFixture = (fixture: TensorFixture): Tensor => tensor(fixture.values, fixture.shape, fixture.dtype);

/** Compares shape and values of a tensor with a fixture. */
export async function expectTensorClose(actual: Tensor, expected: TensorFixture, what: string): Promise<void> {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`${what}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  expectClose(await actual.data(), expected.values, what);
}
