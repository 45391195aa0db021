// The package's public entry, not its sources (see backends.ts).
import { tensor, type DType, type Tensor } from '@neurite/tensor';
import { expectClose } from './compare.js';

/** A tensor as the PyTorch fixture generators in tools/fixtures write it. */
export interface TensorFixture {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: readonly number[];
}

/** The fixture as a tensor on the active backend. */
export const fromFixture = (fixture: TensorFixture): Tensor => tensor(fixture.values as number[], fixture.shape, fixture.dtype);

/** Each fixture of a record as a tensor on the active backend. */
export function fromFixtures(fixtures: Readonly<Record<string, TensorFixture>>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(fixtures).map(([name, fixture]) => [name, fromFixture(fixture)]));
}

/** Compares shape and values (read asynchronously, so on any backend) of a tensor with a fixture. */
export async function expectTensorClose(actual: Tensor, expected: TensorFixture, what: string, atol = 1e-5, rtol = 1e-4): Promise<void> {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`${what}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  expectClose(await actual.data(), expected.values, what, atol, rtol);
}
