import type { Backend, DataId } from '../backend.js';
import type { DType, TypedArray } from '../dtype.js';
import { allocateTypedArray, sizeOf } from '../dtype.js';
import { KERNEL_PRIMITIVES, type KernelPrimitive } from '../primitives.js';
import { conformanceCases, type ConformanceCase, type ExtensionConformanceCase, type InputSpec } from './cases.js';

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** Transcendental functions may use other approximations on other hardware. */
const LOOSE: Tolerance = { atol: 1e-5, rtol: 1e-4 };
const STRICT: Tolerance = { atol: 1e-6, rtol: 1e-5 };
const TRANSCENDENTAL = new Set<KernelPrimitive>(['exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'erf', 'pow', 'div', 'reciprocal']);

/** Deterministic values from a string seed, so a failing case reproduces everywhere. */
function inputValues(spec: InputSpec, seed: string): TypedArray {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const values = allocateTypedArray(spec.dtype, sizeOf(spec.shape));
  for (let i = 0; i < values.length; i++) {
    const u = next();
    const kind = spec.values;
    if (typeof kind === 'object') values[i] = Math.floor(u * kind.indicesBelow);
    else if (kind === 'booleans') values[i] = u < 0.5 ? 1 : 0;
    else if (kind === 'integers') values[i] = Math.floor(u * 11) - 5;
    else if (kind === 'positive') values[i] = 0.1 + 3 * u;
    else values[i] = (u - 0.5) * 6;
  }
  return values;
}

function kernelOf(backend: Backend, testCase: ConformanceCase | ExtensionConformanceCase): (...args: unknown[]) => DataId {
  if ('primitive' in testCase) return backend.kernels[testCase.primitive] as (...args: unknown[]) => DataId;
  const kernel = backend.extensionKernel(testCase.kernel);
  if (!kernel) throw new Error(`conformance: backend '${backend.name}' has no kernel '${testCase.kernel}' (register it first, e.g. in the kit's prepare hook)`);
  return kernel as unknown as (...args: unknown[]) => DataId;
}

async function runOn(backend: Backend, testCase: ConformanceCase | ExtensionConformanceCase, inputs: readonly TypedArray[]): Promise<TypedArray> {
  const kernel = kernelOf(backend, testCase);
  const ids: DataId[] = inputs.map((values, i) => backend.upload(values, testCase.inputs[i].dtype));
  const outputId = kernel(
    ids.map((dataId, i) => ({ dataId, shape: testCase.inputs[i].shape, dtype: testCase.inputs[i].dtype })),
    testCase.attributes,
    testCase.output,
  );
  try {
    return await backend.read(outputId, testCase.output.dtype, sizeOf(testCase.output.shape));
  } finally {
    for (const id of [...ids, outputId]) backend.release(id);
  }
}

function firstMismatch(actual: TypedArray, expected: TypedArray, dtype: DType, tolerance: Tolerance): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    const ok = dtype === 'float32' ? Math.abs(a - e) <= tolerance.atol + tolerance.rtol * Math.abs(e) || a === e : a === e;
    if (!ok) return `element ${i} is ${a}, the reference gives ${e}`;
  }
  return null;
}

/** Runs one case on both backends. Resolves to null when they agree, else to what differs. */
export async function checkConformanceCase(backend: Backend, reference: Backend, testCase: ConformanceCase | ExtensionConformanceCase, tolerance?: Tolerance): Promise<string | null> {
  const inputs = testCase.inputs.map((spec, i) => inputValues(spec, `${testCase.name}#${i}`));
  const [actual, expected] = await Promise.all([runOn(backend, testCase, inputs), runOn(reference, testCase, inputs)]);
  const label = 'primitive' in testCase ? testCase.primitive : testCase.kernel;
  const allowed = tolerance ?? ('primitive' in testCase ? (TRANSCENDENTAL.has(testCase.primitive) ? LOOSE : STRICT) : (testCase.tolerance ?? LOOSE));
  const mismatch = firstMismatch(actual, expected, testCase.output.dtype, allowed);
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
  readonly tolerance?: Tolerance;
  /** A plugin's own kernel cases, run after the primitives' (or instead of them, with `primitives: false`). */
  readonly extensionCases?: readonly ExtensionConformanceCase[];
  /** Run the primitive cases too (default true; a plugin's suite may check only its own kernels). */
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
  const cases: (ConformanceCase | ExtensionConformanceCase)[] = [...(options.primitives === false ? [] : conformanceCases()), ...(options.extensionCases ?? [])];
  test.describe('backend conformance', () => {
    if (options.primitives !== false) {
      test.it('has a kernel for every primitive', async () => {
        const backend = await resolve(options.backend);
        const missing = KERNEL_PRIMITIVES.filter((p) => typeof backend.kernels[p] !== 'function');
        if (missing.length > 0) throw new Error(`backend '${backend.name}' has no kernel for: ${missing.join(', ')}`);
      });
    }
    for (const testCase of cases) {
      test.it(testCase.name, async () => {
        const mismatch = await checkConformanceCase(await resolve(options.backend), await resolve(options.reference), testCase, options.tolerance);
        if (mismatch) throw new Error(mismatch);
      });
    }
  });
}
