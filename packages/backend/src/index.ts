export type { DType, TypedArray, TypedArrayFor } from './dtype.js';
export { DTYPES, isDType, bytesPerElement, allocateTypedArray, matchesDType, sizeOf } from './dtype.js';
export { contiguousStrides, broadcastStrides } from './strides.js';
export type {
  Primitive,
  KernelPrimitive,
  PrimitiveAttributes,
  UnaryPrimitive,
  BinaryPrimitive,
  ReducePrimitive,
  ArgReducePrimitive,
} from './primitives.js';
export {
  UNARY_PRIMITIVES,
  BINARY_PRIMITIVES,
  COMPARISON_PRIMITIVES,
  REDUCE_PRIMITIVES,
  ARG_REDUCE_PRIMITIVES,
  SHAPE_PRIMITIVES,
  INDEX_PRIMITIVES,
  KERNEL_PRIMITIVES,
  isUnaryPrimitive,
  isBinaryPrimitive,
} from './primitives.js';
export type {
  Backend,
  BackendCapabilities,
  BackendMemory,
  DataId,
  Kernel,
  KernelInput,
  KernelOutput,
  KernelTable,
  ExtensionKernel,
  FusedAttributes,
  FusedKernelTable,
  FusedUpdateAttributes,
  FusedUpdateKernel,
  FusedUpdateTable,
} from './backend.js';
export type {
  KernelArray,
  CpuKernelFunction,
  WorkerKernelModule,
  WebGpuKernelSource,
  WasmKernelSource,
  WasmKernelPart,
  KernelCall,
  PluginKernels,
  KernelForm,
  IndexErrorLabel,
} from './plugin-kernels.js';
export { KERNEL_FORMS, KernelDataError, indexOutOfRangeMessage } from './plugin-kernels.js';
export { ExtensionKernelRegistry } from './extension-kernels.js';
export { BackendRegistry, backends, registerBackend, setBackend } from './registry.js';
export type { BackendFactory } from './registry.js';
export { splitRanges } from './split-ranges.js';
