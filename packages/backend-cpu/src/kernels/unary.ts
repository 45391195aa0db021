import type { TypedArray, UnaryPrimitive } from '@neurite/backend';
import { erf } from '../erf.js';
import { normalizeBool, type CpuKernel } from '../operand.js';
import type { WasmKernels } from '../wasm/kernel-module.js';
import type { WasmUnaryOp } from '../wasm/kernels/elementwise.js';

/** One tight loop per op. The output array's type does the final rounding (to float32, int32, byte). */
type UnaryLoop = (input: TypedArray, output: TypedArray, length: number) => void;

/** Round half to even, as PyTorch and NumPy do. */
export function roundHalfToEven(x: number): number {
  const rounded = Math.round(x);
  // Math.round sends halves up; a half that landed on an odd number belongs one lower.
  return rounded - x === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** A logistic that never overflows: e^x is only ever taken of a non-positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const exponential = Math.exp(x);
  return exponential / (1 + exponential);
}

const loops: Record<UnaryPrimitive, UnaryLoop> = {
  neg: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = -input[i];
  },
  abs: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.abs(input[i]);
  },
  // NaN stays NaN (as in NumPy); PyTorch's sign(NaN) is 0, a known inconsistency there.
  sign: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.sign(input[i]);
  },
  exp: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.exp(input[i]);
  },
  log: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.log(input[i]);
  },
  log1p: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.log1p(input[i]);
  },
  sqrt: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.sqrt(input[i]);
  },
  rsqrt: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = 1 / Math.sqrt(input[i]);
  },
  reciprocal: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = 1 / input[i];
  },
  sin: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.sin(input[i]);
  },
  cos: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.cos(input[i]);
  },
  tanh: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.tanh(input[i]);
  },
  sigmoid: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = sigmoid(input[i]);
  },
  // `x > 0 ? x : 0` would turn NaN into 0; the comparison is inverted so NaN falls through.
  relu: (input, output, length) => {
    for (let i = 0; i < length; i++) {
      const x = input[i];
      output[i] = x < 0 || x === 0 ? 0 : x;
    }
  },
  erf: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = erf(input[i]);
  },
  floor: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.floor(input[i]);
  },
  ceil: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = Math.ceil(input[i]);
  },
  round: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = roundHalfToEven(input[i]);
  },
  logicalNot: (input, output, length) => {
    for (let i = 0; i < length; i++) output[i] = input[i] === 0 ? 1 : 0;
  },
};

/** A float32 unary op on the WebAssembly SIMD kernel; other dtypes take the TypeScript kernel. */
export function wasmUnaryKernel(wasm: WasmKernels, op: WasmUnaryOp): CpuKernel<UnaryPrimitive> {
  const typescript = unaryKernel(op);
  const run = wasm.unary[op];
  return (inputs, attributes, output) => {
    const [x] = inputs;
    if (output.dtype !== 'float32' || x.dtype !== 'float32') return typescript(inputs, attributes, output);
    run(output.offset, x.offset, output.values.length);
  };
}

/** The kernel for one unary primitive. Input and output have the same shape; dtypes may differ. */
export function unaryKernel(op: UnaryPrimitive): CpuKernel<UnaryPrimitive> {
  const loop = loops[op];
  const producesBool = op === 'logicalNot';
  return (inputs, _attributes, output) => {
    loop(inputs[0].values, output.values, output.values.length);
    if (!producesBool) normalizeBool(output);
  };
}
