import type { Backend, DataId } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import { sizeOf } from '../dtype.js';
import { KERNEL_PRIMITIVES, type KernelPrimitive } from '../primitives.js';
import { conformanceCases, type ConformanceCase, type ExtensionConformanceCase } from './cases.js';
import { firstMismatch, type Tolerance } from './compare.js';
import { inputValues } from './input-values.js';
import { describeLifecycleConformance } from './lifecycle.js';

/** Transcendental functions may use other approximations on other hardware. */
const LOOSE: Tolerance = { atol: 1e-5, rtol: 1e-4 };
const STRICT: Tolerance = { atol: 1e-6, rtol: 1e-5 };
const TRANSCENDENTAL = new Set<KernelPrimitive>(['exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'erf', 'pow', 'div', 'reciprocal']);
/** Primitives whose outputs are sums of products: their tolerance grows with Σ|terms|. */
const SUMMING = new Set<KernelPrimitive>(['sum', 'matmul', 'scatterAdd']);

type AnyCase = ConformanceCase | ExtensionConformanceCase;

function kernelOf(backend: Backend, testCase: AnyCase): (...args: unknown[]) => DataId {
  if ('primitive' in testCase) return backend.kernels[testCase.primitive] as (...args: unknown[]) => DataId;
  const kernel = backend.extensionKernel(testCase.kernel);
  if (!kernel) throw new Error(`conformance: backend '${backend.name}' has no kernel '${testCase.kernel}' (register it first, e.g. in the kit's prepare hook)`);
  return kernel as unknown as (...args: unknown[]) => DataId;
}

/** Runs the case's kernel on `inputs`, releasing the inputs before the read: a queued backend must keep them alive itself. */
async function runOn(backend: Backend, testCase: AnyCase, inputs: readonly TypedArray[]): Promise<TypedArray> {
  const kernel = kernelOf(backend, testCase);
  const ids: DataId[] = inputs.map((values, i) => backend.upload(values, testCase.inputs[i].dtype));
  let outputId: DataId;
  try {
    outputId = kernel(
      ids.map((dataId, i) => ({ dataId, shape: testCase.inputs[i].shape, dtype: testCase.inputs[i].dtype })),
      testCase.attributes,
      testCase.output,
    );
  } finally {
    for (const id of ids) backend.release(id);
  }
  try {
    return await backend.read(outputId, testCase.output.dtype, sizeOf(testCase.output.shape));
  } finally {
    backend.release(outputId);
  }
}

/** Σ|terms| of each output element of a summing case: the case run on the reference with |inputs|. */
async function magnitudeOf(reference: Backend, testCase: AnyCase, inputs: readonly TypedArray[]): Promise<TypedArray | undefined> {
  if (!('primitive' in testCase) || !SUMMING.has(testCase.primitive) || testCase.output.dtype !== 'float32') return undefined;
  const absolute = inputs.map((values, i) => (testCase.inputs[i].dtype === 'float32' ? values.map(Math.abs) : values));
  return runOn(reference, testCase, absolute);
}

export interface CaseCheckOptions {
  readonly tolerance?: Tolerance;
  /** Demand the reference's exact bits (a backend that promises identical results, e.g. the worker pool). */
  readonly exact?: boolean;
}

/** Runs one case on both backends. Resolves to null when they agree, else to what differs. */
export async function checkConformanceCase(backend: Backend, reference: Backend, testCase: AnyCase, options: CaseCheckOptions | Tolerance = {}): Promise<string | null> {
  const { tolerance, exact } = 'atol' in options ? { tolerance: options, exact: false } : options;
  const inputs = testCase.inputs.map((spec, i) => inputValues(spec, `${testCase.name}#${i}`));
  const [actual, expected, magnitude] = await Promise.all([runOn(backend, testCase, inputs), runOn(reference, testCase, inputs), magnitudeOf(reference, testCase, inputs)]);
  const label = 'primitive' in testCase ? testCase.primitive : testCase.kernel;
  const allowed = tolerance ?? ('primitive' in testCase ? (TRANSCENDENTAL.has(testCase.primitive) ? LOOSE : STRICT) : (testCase.tolerance ?? LOOSE));
  const mismatch = firstMismatch(actual, expected, testCase.output.dtype, allowed, { exact, magnitude });
  return mismatch && `${label} (${testCase.name}) on '${backend.name}': ${mismatch}`;
}

/** The vitest/jest-style functions the kit registers its tests with. */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

export interface ConformanceOptions {
  /** The backend under test. */
  readonly backend: Backend | (() => Promise<Backend>);
  /** What it is compared with, normally the CPU backend. */
  readonly reference: Backend | (() => Promise<Backend>);
  /** One tolerance for every case, instead of the kit's per-primitive ones. */
  readonly tolerance?: Tolerance;
  /** Demand bit-identical results (NaN payloads aside), for backends that promise them. */
  readonly exact?: boolean;
  /** A plugin's own kernel cases, run after the primitives' (or instead of them, with `primitives: false`). */
  readonly extensionCases?: readonly ExtensionConformanceCase[];
  /** Run the primitive cases and the buffer-lifetime checks too (default true; a plugin's suite may check only its own kernels). */
  readonly primitives?: boolean;
  /** Called once with each backend before the cases run: register a plugin's kernels here. */
  readonly prepare?: (backend: Backend) => void | Promise<void>;
}

/**
 * Registers one test per case, for any test runner with describe/it:
 * `describeBackendConformance({ describe, it }, { backend: myBackend, reference: createCpuBackend() })`.
 */
export function describeBackendConformance(test: TestRegistrar, options: ConformanceOptions): void {
  const prepared = new Map<Backend | (() => Promise<Backend>), Promise<Backend>>();
  const resolve = (value: Backend | (() => Promise<Backend>)): Promise<Backend> => {
    let backend = prepared.get(value);
    if (!backend) {
      backend = (async () => {
        const made = typeof value === 'function' ? await value() : value;
        await made.initialize();
        await options.prepare?.(made);
        return made;
      })();
      prepared.set(value, backend);
    }
    return backend;
  };
  const cases: AnyCase[] = [...(options.primitives === false ? [] : conformanceCases()), ...(options.extensionCases ?? [])];
  test.describe(`backend conformance${options.exact ? ' (bit-exact)' : ''}`, () => {
    if (options.primitives !== false) {
      test.it('has a kernel for every primitive', async () => {
        const backend = await resolve(options.backend);
        const missing = KERNEL_PRIMITIVES.filter((p) => typeof backend.kernels[p] !== 'function');
        if (missing.length > 0) throw new Error(`backend '${backend.name}' has no kernel for: ${missing.join(', ')}`);
      });
      describeLifecycleConformance(test, () => resolve(options.backend));
    }
    for (const testCase of cases) {
      test.it(testCase.name, async () => {
        const mismatch = await checkConformanceCase(await resolve(options.backend), await resolve(options.reference), testCase, { tolerance: options.tolerance, exact: options.exact });
        if (mismatch) throw new Error(mismatch);
      });
    }
  });
}
