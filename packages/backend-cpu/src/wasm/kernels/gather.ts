import type { FunctionDefinition } from '@neurite/backend/wasm';
import { FunctionBuilder, f32, forRange, i32, ifThen, returnValue, type Code } from '@neurite/backend/wasm';

/**
 * One row of gather and of scatterAdd, for the TypeScript walk over the index (kernels/gather-scatter.ts)
 * to call per row. Addresses and strides are in bytes. Each checks every index against the axis
 * size and returns at the first bad one with its place in the row (the caller reads the value and
 * throws the op's error); -1 when all were in range. The TypeScript loop read its typed arrays
 * through element accesses shared by every dtype, which V8 cannot specialise: 6 ns an element.
 */

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);
const advance = (pointer: { get(): Code; set(value: Code): Code }, stride: Code): Code => pointer.set(add(pointer.get(), stride));

export function gatherFunctions(): FunctionDefinition[] {
  return [gatherRow(), scatterAddRow()];
}

/** `out[i] = x[index[i] * axisStride]` over 4-byte elements (float32 and int32 alike). */
function gatherRow(): FunctionDefinition {
  const fn = new FunctionBuilder('gatherRow32', {
    out: 'i32', x: 'i32', index: 'i32', length: 'i32', indexStride: 'i32', xStride: 'i32', axisSize: 'i32', axisStride: 'i32',
  }, ['i32']);
  const { out, x, index, length, indexStride, xStride, axisSize, axisStride } = fn.params;
  const [i, value] = fn.locals('i32', 2);
  return fn.finish(
    forRange(i, c(0), length.get(), 1,
      value.set(i32.load(index.get())),
      // Unsigned: a negative index is a huge one.
      ifThen(i32.geU(value.get(), axisSize.get()), returnValue(i.get())),
      i32.store(out.get(), i32.load(add(x.get(), i32.mul(value.get(), axisStride.get())))),
      advance(out, indexStride.get()),
      advance(index, indexStride.get()),
      advance(x, xStride.get()),
    ),
    c(-1),
  );
}

/** `target[index[i] * axisStride] += source[i]` in float32, in order of i. */
function scatterAddRow(): FunctionDefinition {
  const fn = new FunctionBuilder('scatterAddRowF32', {
    target: 'i32', index: 'i32', source: 'i32', length: 'i32', indexStride: 'i32', sourceStride: 'i32', targetStride: 'i32', axisSize: 'i32', axisStride: 'i32',
  }, ['i32']);
  const { target, index, source, length, indexStride, sourceStride, targetStride, axisSize, axisStride } = fn.params;
  const [i, value, address] = fn.locals('i32', 3);
  return fn.finish(
    forRange(i, c(0), length.get(), 1,
      value.set(i32.load(index.get())),
      ifThen(i32.geU(value.get(), axisSize.get()), returnValue(i.get())),
      address.set(add(target.get(), i32.mul(value.get(), axisStride.get()))),
      f32.store(address.get(), f32.add(f32.load(address.get()), f32.load(source.get()))),
      advance(index, indexStride.get()),
      advance(source, sourceStride.get()),
      advance(target, targetStride.get()),
    ),
    c(-1),
  );
}
