import { tensor, type DType, type Tensor, type TypedArray } from '@neurite/tensor';

/** A tensor as the fixture generators write it. */
export interface TensorFixture {
  readonly shape: number[];
  readonly dtype: DType;
  readonly values: number[];
}

export const fromFixture = (fixture: TensorFixture): Tensor => tensor(fixture.values, fixture.shape, fixture.dtype);

/** Fails with the first element that differs by more than atol + rtol * |expected|. */
export function expectClose(actual: TypedArray | readonly number[], expected: readonly number[], what: string, atol = 1e-5, rtol = 1e-4): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(Number(actual[i]) - expected[i]);
    if (!(difference <= atol + rtol * Math.abs(expected[i]))) {
      throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (difference ${difference})`);
    }
  }
}

/** Compares shape and values of a tensor with a fixture. */
export async function expectTensorClose(actual: Tensor, expected: TensorFixture, what: string): Promise<void> {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`${what}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  expectClose(await actual.data(), expected.values, what);
}
