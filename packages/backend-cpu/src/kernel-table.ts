import { sizeOf, type FusedAttributes, type FusedKernelTable, type KernelInput, type KernelOutput, type KernelPrimitive, type KernelTable } from '@neurite/backend';
import type { CpuBuffer, CpuBufferStore } from './buffer.js';
import { softmaxAlongAxis } from './kernels/softmax.js';
import type { WasmKernels } from './wasm/kernel-module.js';
import type { CpuKernel, Operand } from './operand.js';
import { argReduceKernel, wasmArgReduceKernel } from './kernels/arg-reduce.js';
import { binaryKernel, wasmBinaryKernel } from './kernels/binary.js';
import { castKernel, wasmCastKernel } from './kernels/cast.js';
import { concatKernel } from './kernels/concat.js';
import { expandKernel } from './kernels/expand.js';
import { flipKernel } from './kernels/flip.js';
import { gatherKernel, scatterAddKernel, wasmGatherKernel, wasmScatterAddKernel } from './kernels/gather-scatter.js';
import { matmulKernel, wasmMatmulKernel } from './kernels/matmul.js';
import { permuteKernel } from './kernels/permute.js';
import { reduceKernel, wasmReduceKernel } from './kernels/reduce.js';
import { padKernel, sliceKernel } from './kernels/slice-pad.js';
import { unaryKernel, wasmUnaryKernel } from './kernels/unary.js';
import { whereKernel } from './kernels/where.js';

/**
 * Wraps a CPU kernel so that it allocates the output in the heap, resolves the inputs' views after
 * that (an allocation may grow the memory and detach older views), and returns the output buffer.
 * A kernel that throws (an index out of range) gives its output back.
 */
function bindKernel<A>(store: CpuBufferStore, name: string, kernel: (inputs: readonly Operand[], attributes: A, output: Operand) => void) {
  const arena = store.arena;
  return (inputs: readonly KernelInput[], attributes: A, output: KernelOutput): CpuBuffer => {
    const result = store.allocate(output.dtype, sizeOf(output.shape));
    try {
      const operands: Operand[] = inputs.map((input) => {
        const buffer = store.resolve(input.dataId, name);
        return { values: buffer.view(arena), shape: input.shape, dtype: input.dtype, offset: buffer.offset };
      });
      kernel(operands, attributes, { values: result.view(arena), shape: output.shape, dtype: output.dtype, offset: result.offset });
    } catch (error) {
      store.release(result);
      throw error;
    }
    return result;
  };
}

/** The fused composites' kernels over operands: softmax and logSoftmax in one pass per row. */
export type FusedOperandKernels = { readonly [K in keyof FusedAttributes]: (inputs: readonly Operand[], attributes: FusedAttributes[K], output: Operand) => void };

export const fusedOperandKernels: FusedOperandKernels = {
  softmax: ([input], { axis }, output) => softmaxAlongAxis(input, axis, output, false),
  logSoftmax: ([input], { axis }, output) => softmaxAlongAxis(input, axis, output, true),
};

/** softmax and logSoftmax in one pass per row (TypeScript, `kernels/softmax.ts`), on both kernel paths. */
export function createFusedKernels(store: CpuBufferStore): FusedKernelTable {
  return {
    softmax: bindKernel(store, 'softmax', fusedOperandKernels.softmax),
    logSoftmax: bindKernel(store, 'logSoftmax', fusedOperandKernels.logSoftmax),
  };
}

/** Every primitive's kernel over operands (views with their heap offsets), before any allocation. */
export type OperandKernelTable = { readonly [P in KernelPrimitive]: CpuKernel<P> };

/**
 * The CPU backend's kernel table: every primitive's CPU kernel, wrapped so that it allocates the
 * output in the heap, resolves the inputs' views after that (an allocation may grow the memory and
 * detach older views), and returns the output buffer. The output's contents are undefined: a
 * kernel writes every element. One that throws (an index out of range) gives its output back.
 */
export function createKernelTable(store: CpuBufferStore, wasm: WasmKernels | undefined): KernelTable {
  const kernels = operandKernels(wasm);
  const table: Partial<Record<KernelPrimitive, unknown>> = {};
  for (const name of Object.keys(kernels) as KernelPrimitive[]) table[name] = bindKernel(store, name, kernels[name] as CpuKernel<typeof name>);
  return table as KernelTable;
}

/**
 * Every primitive's kernel over operands; with `wasm`, the kernels that have a WebAssembly SIMD
 * form use it. The worker pool runs these on its threads, over its shared heap.
 */
export function operandKernels(wasm: WasmKernels | undefined): OperandKernelTable {
  return {
    neg: wasm ? wasmUnaryKernel(wasm, 'neg') : unaryKernel('neg'),
    abs: wasm ? wasmUnaryKernel(wasm, 'abs') : unaryKernel('abs'),
    sign: unaryKernel('sign'),
    exp: unaryKernel('exp'),
    log: unaryKernel('log'),
    log1p: unaryKernel('log1p'),
    sqrt: wasm ? wasmUnaryKernel(wasm, 'sqrt') : unaryKernel('sqrt'),
    rsqrt: unaryKernel('rsqrt'),
    reciprocal: unaryKernel('reciprocal'),
    sin: unaryKernel('sin'),
    cos: unaryKernel('cos'),
    tanh: unaryKernel('tanh'),
    sigmoid: unaryKernel('sigmoid'),
    relu: wasm ? wasmUnaryKernel(wasm, 'relu') : unaryKernel('relu'),
    erf: unaryKernel('erf'),
    floor: unaryKernel('floor'),
    ceil: unaryKernel('ceil'),
    round: unaryKernel('round'),
    logicalNot: unaryKernel('logicalNot'),

    add: wasm ? wasmBinaryKernel(wasm, 'add') : binaryKernel('add'),
    sub: wasm ? wasmBinaryKernel(wasm, 'sub') : binaryKernel('sub'),
    mul: wasm ? wasmBinaryKernel(wasm, 'mul') : binaryKernel('mul'),
    div: wasm ? wasmBinaryKernel(wasm, 'div') : binaryKernel('div'),
    pow: binaryKernel('pow'),
    maximum: wasm ? wasmBinaryKernel(wasm, 'maximum') : binaryKernel('maximum'),
    minimum: wasm ? wasmBinaryKernel(wasm, 'minimum') : binaryKernel('minimum'),
    eq: wasm ? wasmBinaryKernel(wasm, 'eq') : binaryKernel('eq'),
    ne: wasm ? wasmBinaryKernel(wasm, 'ne') : binaryKernel('ne'),
    lt: wasm ? wasmBinaryKernel(wasm, 'lt') : binaryKernel('lt'),
    le: wasm ? wasmBinaryKernel(wasm, 'le') : binaryKernel('le'),
    gt: wasm ? wasmBinaryKernel(wasm, 'gt') : binaryKernel('gt'),
    ge: wasm ? wasmBinaryKernel(wasm, 'ge') : binaryKernel('ge'),
    logicalAnd: binaryKernel('logicalAnd'),
    logicalOr: binaryKernel('logicalOr'),

    sum: wasm ? wasmReduceKernel(wasm, 'sum') : reduceKernel('sum'),
    prod: reduceKernel('prod'),
    max: wasm ? wasmReduceKernel(wasm, 'max') : reduceKernel('max'),
    min: wasm ? wasmReduceKernel(wasm, 'min') : reduceKernel('min'),
    argmax: wasm ? wasmArgReduceKernel(wasm, 'argmax') : argReduceKernel('argmax'),
    argmin: wasm ? wasmArgReduceKernel(wasm, 'argmin') : argReduceKernel('argmin'),

    where: whereKernel,
    cast: wasm ? wasmCastKernel(wasm) : castKernel,
    matmul: wasm ? wasmMatmulKernel(wasm) : matmulKernel,

    permute: permuteKernel,
    slice: sliceKernel,
    pad: padKernel,
    concat: concatKernel,
    flip: flipKernel,
    expand: expandKernel,

    gather: wasm ? wasmGatherKernel(wasm) : gatherKernel,
    scatterAdd: wasm ? wasmScatterAddKernel(wasm) : scatterAddKernel,
  };
}
