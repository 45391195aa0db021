import type { DType } from '../dtype.js';
import type { KernelOutput } from '../backend.js';
import type { ConformanceCase, InputSpec, ValueKind } from './cases.js';

/**
 * Cases where backends part ways: NaN, ±Infinity and −0; int32 wrap-around and float→int
 * saturation; empty tensors; and sizes one below, at and one above the boundaries of
 * workgroups, tiles and partitions (64, 256, 4096 elements).
 */

const f = (shape: number[], values: ValueKind = 'normal'): InputSpec => ({ shape, dtype: 'float32', values });
const i32 = (shape: number[], values: ValueKind = 'integers'): InputSpec => ({ shape, dtype: 'int32', values });
const b = (shape: number[]): InputSpec => ({ shape, dtype: 'bool', values: 'booleans' });
const out = (shape: number[], dtype: DType = 'float32'): KernelOutput => ({ shape, dtype });
const none = {} as Record<string, never>;
const plain = { transposeA: false, transposeB: false };

function specialValueCases(): ConformanceCase[] {
  const unary = (['neg', 'abs', 'sign', 'exp', 'log', 'sqrt', 'tanh', 'sigmoid', 'relu', 'floor', 'round'] as const).map(
    (primitive): ConformanceCase => ({ name: `${primitive} NaN ±Inf −0`, primitive, inputs: [f([24], 'special')], attributes: none, output: out([24]) }),
  );
  const binary = (['add', 'mul', 'div', 'maximum', 'minimum', 'eq', 'lt', 'ge'] as const).map((primitive): ConformanceCase => {
    const comparison = primitive === 'eq' || primitive === 'lt' || primitive === 'ge';
    return { name: `${primitive} NaN ±Inf −0`, primitive, inputs: [f([24], 'special'), f([24, 1], 'special')], attributes: none, output: out([24, 24], comparison ? 'bool' : 'float32') };
  });
  return [
    ...unary,
    ...binary,
    ...(['sum', 'max', 'min'] as const).map((primitive): ConformanceCase => ({ name: `${primitive} NaN ±Inf −0`, primitive, inputs: [f([6, 24], 'special')], attributes: { axes: [1] }, output: out([6, 1]) })),
    { name: 'argmax NaN ±Inf', primitive: 'argmax', inputs: [f([6, 24], 'special')], attributes: { axis: 1 }, output: out([6, 1], 'int32') },
    { name: 'cast NaN ±Inf and out of range to int32 (0, saturate)', primitive: 'cast', inputs: [f([48], 'special')], attributes: none, output: out([48], 'int32') },
    { name: 'cast NaN ±Inf −0 to bool', primitive: 'cast', inputs: [f([24], 'special')], attributes: none, output: out([24], 'bool') },
    { name: 'where with NaN branches', primitive: 'where', inputs: [b([24]), f([24], 'special'), f([24], 'special')], attributes: none, output: out([24]) },
    { name: 'matmul NaN and Inf propagate', primitive: 'matmul', inputs: [f([6, 8], 'special'), f([8, 5])], attributes: plain, output: out([6, 5]) },
  ];
}

function int32Cases(): ConformanceCase[] {
  return [
    { name: 'add int32 wraps', primitive: 'add', inputs: [i32([64], 'int32 extremes'), i32([64], 'int32 extremes')], attributes: none, output: out([64], 'int32') },
    { name: 'mul int32 wraps', primitive: 'mul', inputs: [i32([64], 'int32 extremes'), i32([64], 'int32 extremes')], attributes: none, output: out([64], 'int32') },
    { name: 'sub int32 wraps', primitive: 'sub', inputs: [i32([64], 'int32 extremes'), i32([64], 'int32 extremes')], attributes: none, output: out([64], 'int32') },
    { name: 'neg int32 minimum wraps to itself', primitive: 'neg', inputs: [i32([64], 'int32 extremes')], attributes: none, output: out([64], 'int32') },
    { name: 'sum int32 wraps', primitive: 'sum', inputs: [i32([4, 64], 'int32 extremes')], attributes: { axes: [1] }, output: out([4, 1], 'int32') },
    { name: 'cast int32 extremes to float32 (round to nearest)', primitive: 'cast', inputs: [i32([64], 'int32 extremes')], attributes: none, output: out([64]) },
    { name: 'cast bool to int32 and float32', primitive: 'cast', inputs: [b([33])], attributes: none, output: out([33], 'int32') },
  ];
}

function emptyCases(): ConformanceCase[] {
  return [
    { name: 'exp of an empty tensor', primitive: 'exp', inputs: [f([0, 5])], attributes: none, output: out([0, 5]) },
    { name: 'add broadcast into an empty tensor', primitive: 'add', inputs: [f([0, 3]), f([3])], attributes: none, output: out([0, 3]) },
    { name: 'sum over an empty axis is 0', primitive: 'sum', inputs: [f([4, 0])], attributes: { axes: [1] }, output: out([4, 1]) },
    { name: 'prod over an empty axis is 1', primitive: 'prod', inputs: [f([3, 0])], attributes: { axes: [1] }, output: out([3, 1]) },
    { name: 'matmul with depth 0 is zeros', primitive: 'matmul', inputs: [f([3, 0]), f([0, 4])], attributes: plain, output: out([3, 4]) },
    { name: 'matmul with no rows', primitive: 'matmul', inputs: [f([0, 5]), f([5, 2])], attributes: plain, output: out([0, 2]) },
    { name: 'concat with an empty piece', primitive: 'concat', inputs: [f([2, 0, 3]), f([2, 4, 3])], attributes: { axis: 1 }, output: out([2, 4, 3]) },
    { name: 'slice of size 0', primitive: 'slice', inputs: [f([4, 5])], attributes: { begin: [1, 2] }, output: out([0, 3]) },
    { name: 'gather with an empty index', primitive: 'gather', inputs: [f([3, 4]), i32([3, 0], { indicesBelow: 4 })], attributes: { axis: 1 }, output: out([3, 0]) },
    { name: 'cast of an empty tensor', primitive: 'cast', inputs: [f([0])], attributes: none, output: out([0], 'int32') },
  ];
}

/** One below, at and one above each boundary a GPU or a thread pool splits work at. */
const BOUNDARY_SIZES = [63, 64, 65, 255, 256, 257, 4095, 4096, 4097];

function boundaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const n of BOUNDARY_SIZES) {
    cases.push(
      { name: `neg of ${n} elements`, primitive: 'neg', inputs: [f([n])], attributes: none, output: out([n]) },
      { name: `add ${n} elements with a broadcast row`, primitive: 'add', inputs: [f([n, 1]), f([3])], attributes: none, output: out([n, 3]) },
      { name: `sum of ${n} elements`, primitive: 'sum', inputs: [f([2, n])], attributes: { axes: [1] }, output: out([2, 1]) },
      { name: `argmax over ${n} elements`, primitive: 'argmax', inputs: [f([2, n])], attributes: { axis: 1 }, output: out([2, 1], 'int32') },
    );
  }
  cases.push(
    { name: 'sum of 4097 over the outer axis', primitive: 'sum', inputs: [f([4097, 3])], attributes: { axes: [0] }, output: out([1, 3]) },
    { name: 'matmul depth 257', primitive: 'matmul', inputs: [f([3, 257]), f([257, 5])], attributes: plain, output: out([3, 5]) },
    { name: 'matmul 65x64 by 64x63', primitive: 'matmul', inputs: [f([65, 64]), f([64, 63])], attributes: plain, output: out([65, 63]) },
    { name: 'matmul depth 4097, transposed', primitive: 'matmul', inputs: [f([4097, 2]), f([3, 4097])], attributes: { transposeA: true, transposeB: true }, output: out([2, 3]) },
    { name: 'permute of 257x65', primitive: 'permute', inputs: [f([257, 65])], attributes: { perm: [1, 0] }, output: out([65, 257]) },
    { name: 'gather 4097 indices', primitive: 'gather', inputs: [f([1, 300]), i32([1, 4097], { indicesBelow: 300 })], attributes: { axis: 1 }, output: out([1, 4097]) },
    { name: 'scatterAdd 4097 sources into 64 slots', primitive: 'scatterAdd', inputs: [f([64]), i32([4097], { indicesBelow: 64 }), f([4097])], attributes: { axis: 0 }, output: out([64]) },
  );
  return cases;
}

/** The edge cases, in addition to `conformanceCases()`. */
export function edgeCases(): ConformanceCase[] {
  return [...specialValueCases(), ...int32Cases(), ...emptyCases(), ...boundaryCases()];
}
