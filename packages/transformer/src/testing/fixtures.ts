import { tensor, type DType, type Tensor } from '@neurite/tensor';

/** A tensor as tools/fixtures/generate_transformer_fixtures.py writes it. */
export interface TensorFixture {
  readonly shape: number[];
  readonly dtype: DType;
  readonly values: number[];
}

export const fromFixture = (f: TensorFixture): Tensor => tensor(f.values, f.shape, f.dtype);

export function fromFixtures(fixtures: Readonly<Record<string, TensorFixture>>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(fixtures).map(([name, f]) => [name, fromFixture(f)]));
}

/**
 * Fails with the first element that differs by more than atol + rtol·|expected|. Reads with the
 * asynchronous data(), so the same tests run on backends that cannot read synchronously.
 */
export async function expectClose(actual: Tensor, expected: TensorFixture, what: string, atol = 1e-5, rtol = 1e-4): Promise<void> {
  if (actual.shape.join() !== expected.shape.join()) {
    throw new Error(`${what}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  }
  const values = await actual.data();
  for (let i = 0; i < expected.values.length; i++) {
    const a = Number(values[i]);
    const e = expected.values[i];
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`${what}: element ${i} is ${a}, expected ${e} (difference ${Math.abs(a - e)})`);
    }
  }
}
