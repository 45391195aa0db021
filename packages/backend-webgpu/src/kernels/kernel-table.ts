import {
  ARG_REDUCE_PRIMITIVES,
  BINARY_PRIMITIVES,
  REDUCE_PRIMITIVES,
  UNARY_PRIMITIVES,
  type ArgReducePrimitive,
  type BinaryPrimitive,
  type Kernel,
  type KernelTable,
  type ReducePrimitive,
  type UnaryPrimitive,
} from '@neurite/backend';
import type { KernelRuntime } from './kernel-runtime.js';
import { binaryKernel, castKernel, concatKernel, expandKernel, flipKernel, padKernel, permuteKernel, sliceKernel, unaryKernel, whereKernel } from './map-kernels.js';
import { argReduceKernel, reduceKernel } from './reduce.js';
import { matmulKernel } from './matmul.js';
import { gatherKernel, scatterAddKernel } from './gather-scatter.js';

/** One kernel per member of a primitive family, from the family's list. */
function family<P extends string, K>(members: readonly P[], make: (member: P) => K): Record<P, K> {
  return Object.fromEntries(members.map((member) => [member, make(member)])) as Record<P, K>;
}

/** Every primitive's WebGPU kernel, recording into `runtime`. A missing one does not compile. */
export function createKernelTable(runtime: KernelRuntime): KernelTable {
  const unary: { [P in UnaryPrimitive]: Kernel<P> } = family(UNARY_PRIMITIVES, (op) => unaryKernel(runtime, op));
  const binary: { [P in BinaryPrimitive]: Kernel<P> } = family(BINARY_PRIMITIVES, (op) => binaryKernel(runtime, op));
  const reduce: { [P in ReducePrimitive]: Kernel<P> } = family(REDUCE_PRIMITIVES, (op) => reduceKernel(runtime, op));
  const argReduce: { [P in ArgReducePrimitive]: Kernel<P> } = family(ARG_REDUCE_PRIMITIVES, (op) => argReduceKernel(runtime, op));
  return {
    ...unary,
    ...binary,
    ...reduce,
    ...argReduce,
    where: whereKernel(runtime),
    cast: castKernel(runtime),
    matmul: matmulKernel(runtime),
    permute: permuteKernel(runtime),
    slice: sliceKernel(runtime),
    pad: padKernel(runtime),
    concat: concatKernel(runtime),
    flip: flipKernel(runtime),
    expand: expandKernel(runtime),
    gather: gatherKernel(runtime),
    scatterAdd: scatterAddKernel(runtime),
  };
}
