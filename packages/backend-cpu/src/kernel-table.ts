import { allocateTypedArray, sizeOf, type Kernel, type KernelPrimitive, type KernelTable } from '@neurite/backend';
import type { CpuBufferStore } from './buffer.js';
import type { CpuKernel, Operand } from './operand.js';
import { argReduceKernel } from './kernels/arg-reduce.js';
import { binaryKernel } from './kernels/binary.js';
import { castKernel } from './kernels/cast.js';
import { concatKernel } from './kernels/concat.js';
import { expandKernel } from './kernels/expand.js';
import { flipKernel } from './kernels/flip.js';
import { gatherKernel, scatterAddKernel } from './kernels/gather-scatter.js';
import { matmulKernel } from './kernels/matmul.js';
import { permuteKernel } from './kernels/permute.js';
import { reduceKernel } from './kernels/reduce.js';
import { padKernel, sliceKernel } from './kernels/slice-pad.js';
import { unaryKernel } from './kernels/unary.js';
import { whereKernel } from './kernels/where.js';

/**
 * The CPU backend's kernel table: every primitive's CPU kernel, wrapped so that it resolves its
 * inputs' buffers, gets a fresh zeroed output array, and returns that array as a new buffer.
 */
export function createKernelTable(store: CpuBufferStore): KernelTable {
  function bind<P extends KernelPrimitive>(name: P, kernel: CpuKernel<P>): Kernel<P> {
    return (inputs, attributes, output) => {
      const operands: Operand[] = inputs.map((input) => ({ values: store.valuesOf(input.dataId, name), shape: input.shape, dtype: input.dtype }));
      const values = allocateTypedArray(output.dtype, sizeOf(output.shape));
      kernel(operands, attributes, { values, shape: output.shape, dtype: output.dtype });
      return store.adopt(values);
    };
  }

  return {
    neg: bind('neg', unaryKernel('neg')),
    abs: bind('abs', unaryKernel('abs')),
    sign: bind('sign', unaryKernel('sign')),
    exp: bind('exp', unaryKernel('exp')),
    log: bind('log', unaryKernel('log')),
    log1p: bind('log1p', unaryKernel('log1p')),
    sqrt: bind('sqrt', unaryKernel('sqrt')),
    rsqrt: bind('rsqrt', unaryKernel('rsqrt')),
    reciprocal: bind('reciprocal', unaryKernel('reciprocal')),
    sin: bind('sin', unaryKernel('sin')),
    cos: bind('cos', unaryKernel('cos')),
    tanh: bind('tanh', unaryKernel('tanh')),
    sigmoid: bind('sigmoid', unaryKernel('sigmoid')),
    relu: bind('relu', unaryKernel('relu')),
    erf: bind('erf', unaryKernel('erf')),
    floor: bind('floor', unaryKernel('floor')),
    ceil: bind('ceil', unaryKernel('ceil')),
    round: bind('round', unaryKernel('round')),
    logicalNot: bind('logicalNot', unaryKernel('logicalNot')),

    add: bind('add', binaryKernel('add')),
    sub: bind('sub', binaryKernel('sub')),
    mul: bind('mul', binaryKernel('mul')),
    div: bind('div', binaryKernel('div')),
    pow: bind('pow', binaryKernel('pow')),
    maximum: bind('maximum', binaryKernel('maximum')),
    minimum: bind('minimum', binaryKernel('minimum')),
    eq: bind('eq', binaryKernel('eq')),
    ne: bind('ne', binaryKernel('ne')),
    lt: bind('lt', binaryKernel('lt')),
    le: bind('le', binaryKernel('le')),
    gt: bind('gt', binaryKernel('gt')),
    ge: bind('ge', binaryKernel('ge')),
    logicalAnd: bind('logicalAnd', binaryKernel('logicalAnd')),
    logicalOr: bind('logicalOr', binaryKernel('logicalOr')),

    sum: bind('sum', reduceKernel('sum')),
    prod: bind('prod', reduceKernel('prod')),
    max: bind('max', reduceKernel('max')),
    min: bind('min', reduceKernel('min')),
    argmax: bind('argmax', argReduceKernel('argmax')),
    argmin: bind('argmin', argReduceKernel('argmin')),

    where: bind('where', whereKernel),
    cast: bind('cast', castKernel),
    matmul: bind('matmul', matmulKernel),

    permute: bind('permute', permuteKernel),
    slice: bind('slice', sliceKernel),
    pad: bind('pad', padKernel),
    concat: bind('concat', concatKernel),
    flip: bind('flip', flipKernel),
    expand: bind('expand', expandKernel),

    gather: bind('gather', gatherKernel),
    scatterAdd: bind('scatterAdd', scatterAddKernel),
  };
}
