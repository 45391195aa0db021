import { sizeOf, type FusedAttributes, type FusedKernelTable, type Kernel, type KernelInput, type KernelOutput, type KernelPrimitive, type KernelTable } from '@neurite/backend';
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

/** softmax and logSoftmax in one pass per row (TypeScript, `kernels/softmax.ts`), on both kernel paths. */
export function createFusedKernels(store: CpuBufferStore): FusedKernelTable {
  return {
    softmax: bindKernel(store, 'softmax', ([input], { axis }: FusedAttributes['softmax'], output) => softmaxAlongAxis(input, axis, output, false)),
    logSoftmax: bindKernel(store, 'logSoftmax', ([input], { axis }: FusedAttributes['logSoftmax'], output) => softmaxAlongAxis(input, axis, output, true)),
  };
}

/**
 * The CPU backend's kernel table: every primitive's CPU kernel, wrapped so that it allocates the
 * output in the heap, resolves the inputs' views after that (an allocation may grow the memory and
 * detach older views), and returns the output buffer. The output's contents are undefined: a
 * kernel writes every element. One that throws (an index out of range) gives its output back.
 * With `wasm`, the kernels that have a WebAssembly SIMD form use it.
 */
export function createKernelTable(store: CpuBufferStore, wasm: WasmKernels | undefined): KernelTable {
  const bind = <P extends KernelPrimitive>(name: P, kernel: CpuKernel<P>): Kernel<P> => bindKernel(store, name, kernel);
  return {
    neg: bind('neg', wasm ? wasmUnaryKernel(wasm, 'neg') : unaryKernel('neg')),
    abs: bind('abs', wasm ? wasmUnaryKernel(wasm, 'abs') : unaryKernel('abs')),
    sign: bind('sign', unaryKernel('sign')),
    exp: bind('exp', unaryKernel('exp')),
    log: bind('log', unaryKernel('log')),
    log1p: bind('log1p', unaryKernel('log1p')),
    sqrt: bind('sqrt', wasm ? wasmUnaryKernel(wasm, 'sqrt') : unaryKernel('sqrt')),
    rsqrt: bind('rsqrt', unaryKernel('rsqrt')),
    reciprocal: bind('reciprocal', unaryKernel('reciprocal')),
    sin: bind('sin', unaryKernel('sin')),
    cos: bind('cos', unaryKernel('cos')),
    tanh: bind('tanh', unaryKernel('tanh')),
    sigmoid: bind('sigmoid', unaryKernel('sigmoid')),
    relu: bind('relu', wasm ? wasmUnaryKernel(wasm, 'relu') : unaryKernel('relu')),
    erf: bind('erf', unaryKernel('erf')),
    floor: bind('floor', unaryKernel('floor')),
    ceil: bind('ceil', unaryKernel('ceil')),
    round: bind('round', unaryKernel('round')),
    logicalNot: bind('logicalNot', unaryKernel('logicalNot')),

    add: bind('add', wasm ? wasmBinaryKernel(wasm, 'add') : binaryKernel('add')),
    sub: bind('sub', wasm ? wasmBinaryKernel(wasm, 'sub') : binaryKernel('sub')),
    mul: bind('mul', wasm ? wasmBinaryKernel(wasm, 'mul') : binaryKernel('mul')),
    div: bind('div', wasm ? wasmBinaryKernel(wasm, 'div') : binaryKernel('div')),
    pow: bind('pow', binaryKernel('pow')),
    maximum: bind('maximum', wasm ? wasmBinaryKernel(wasm, 'maximum') : binaryKernel('maximum')),
    minimum: bind('minimum', wasm ? wasmBinaryKernel(wasm, 'minimum') : binaryKernel('minimum')),
    eq: bind('eq', wasm ? wasmBinaryKernel(wasm, 'eq') : binaryKernel('eq')),
    ne: bind('ne', wasm ? wasmBinaryKernel(wasm, 'ne') : binaryKernel('ne')),
    lt: bind('lt', wasm ? wasmBinaryKernel(wasm, 'lt') : binaryKernel('lt')),
    le: bind('le', wasm ? wasmBinaryKernel(wasm, 'le') : binaryKernel('le')),
    gt: bind('gt', wasm ? wasmBinaryKernel(wasm, 'gt') : binaryKernel('gt')),
    ge: bind('ge', wasm ? wasmBinaryKernel(wasm, 'ge') : binaryKernel('ge')),
    logicalAnd: bind('logicalAnd', binaryKernel('logicalAnd')),
    logicalOr: bind('logicalOr', binaryKernel('logicalOr')),

    sum: bind('sum', wasm ? wasmReduceKernel(wasm, 'sum') : reduceKernel('sum')),
    prod: bind('prod', reduceKernel('prod')),
    max: bind('max', wasm ? wasmReduceKernel(wasm, 'max') : reduceKernel('max')),
    min: bind('min', wasm ? wasmReduceKernel(wasm, 'min') : reduceKernel('min')),
    argmax: bind('argmax', wasm ? wasmArgReduceKernel(wasm, 'argmax') : argReduceKernel('argmax')),
    argmin: bind('argmin', wasm ? wasmArgReduceKernel(wasm, 'argmin') : argReduceKernel('argmin')),

    where: bind('where', whereKernel),
    cast: bind('cast', wasm ? wasmCastKernel(wasm) : castKernel),
    matmul: bind('matmul', wasm ? wasmMatmulKernel(wasm) : matmulKernel),

    permute: bind('permute', permuteKernel),
    slice: bind('slice', sliceKernel),
    pad: bind('pad', padKernel),
    concat: bind('concat', concatKernel),
    flip: bind('flip', flipKernel),
    expand: bind('expand', expandKernel),

    gather: bind('gather', wasm ? wasmGatherKernel(wasm) : gatherKernel),
    scatterAdd: bind('scatterAdd', wasm ? wasmScatterAddKernel(wasm) : scatterAddKernel),
  };
}
