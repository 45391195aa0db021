export { Tensor } from './tensor.js';
export type { NestedNumbers } from './tensor.js';
export type { DType, TypedArray } from '@neurite/backend';

// creation and randomness
export { tensor, zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye, rand, randn, randint } from './ops/creation.js';
export type { NestedArray, RandomOptions } from './ops/creation.js';
export { Generator, manualSeed, defaultGenerator } from './random.js';

// elementwise
export { neg, abs, sign, exp, log, log1p, sqrt, rsqrt, reciprocal, sin, cos, tanh, sigmoid, relu, erf, floor, ceil, round, logicalNot } from './ops/unary.js';
export { add, sub, mul, div, pow, maximum, minimum, eq, ne, lt, le, gt, ge, logicalAnd, logicalOr } from './ops/binary.js';
export { square, leakyRelu, gelu, silu, clamp } from './ops/activations.js';
export { where } from './ops/where.js';
export { cast } from './ops/cast.js';
export type { TensorLike } from './ops/scalars.js';
export { isTensor } from './ops/scalars.js';

// reductions, products, normalisation
export { sum, mean, prod, max, min, variance as var, variance, std, logSumExp, argmax, argmin } from './ops/reduce.js';
export type { Axis, VarianceOptions } from './ops/reduce.js';
export { matmul } from './ops/matmul.js';
export type { MatmulOptions } from './ops/matmul.js';
export { softmax, logSoftmax, softmaxComposite, logSoftmaxComposite } from './ops/softmax.js';
export { fusedUpdate } from './ops/fused-update.js';

// shape and indexing
export {
  reshape, flatten, permute, transpose, squeeze, unsqueeze, expand, broadcastTo, sumToSize,
  concat, concat as cat, stack, slice, narrow, split, chunk, pad, padAxes, flip, tile,
} from './ops/shape.js';
export { gather, scatterAdd, indexSelect, oneHot } from './ops/indexing.js';
export type { IndexOptions } from './ops/indexing.js';
export { to, toAsync } from './ops/transfer.js';

// memory
export { tidy, keep, dispose, memory, setLeakTracking, leakReport, checkLeaks } from './runtime/memory.js';
export type { MemoryInfo, LeakReport, LeakSite } from './runtime/memory.js';

// backends
export { getBackend, setBackend, sync } from './runtime/active-backend.js';
export { registerBackend, backends } from '@neurite/backend';

// autograd, on Tensor
export { noGrad, enableGrad, isGradEnabled, gradcheck, gradcheckDetailed } from '@neurite/autograd';
export type { GradcheckOptions, GradcheckResult, BackwardOptions } from '@neurite/autograd';

// plugins: new ops with a kernel per backend and a gradient rule
export { defineOp } from './custom-op.js';
export type { CustomOp, CustomOpDefinition, CustomGradientContext } from './custom-op.js';
export type {
  Backend, ExtensionKernel, KernelInput, KernelOutput, DataId, PluginKernels, CpuKernelFunction, KernelArray,
  WorkerKernelModule, WebGpuKernelSource, WasmKernelSource, WasmKernelPart, KernelCall, KernelForm, IndexErrorLabel, FusedAttributes, FusedKernelTable, FusedUpdateAttributes, FusedUpdateKernel, FusedUpdateTable,
} from '@neurite/backend';
export { KernelDataError } from '@neurite/backend';
