import { FunctionBuilder, f32, f32x4, f64, f64x2, forPointer, i32, ifElse, seq, v128, type Code, type FunctionDefinition, type Local } from '@neurite/backend/wasm';

/**
 * Float32 reductions whose reduced axes are not all trailing (a pooling window's max, a bias
 * gradient's sum over batch and pixels): the input is walked in memory order, one row at a time,
 * each element folded into its output's accumulator. Max and min fold in float32 (exact, and NaN
 * wins whatever the order). Sum folds in doubles, in the same order as the TypeScript kernel
 * except within a row that all goes to one output (see `intoOne`); `demote` rounds the sums to
 * float32 at the end.
 */

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);
const advance = (pointer: Local, bytes: Code): Code => pointer.set(add(pointer.get(), bytes));

/** accumulator[i * accumulatorStride] op= input[i * inputStride], strides in elements. */
function foldRow(name: string, vector: (x: Code, y: Code) => Code, scalar: (x: Code, y: Code) => Code): FunctionDefinition {
  const fn = new FunctionBuilder(name, { accumulator: 'i32', accumulatorStride: 'i32', input: 'i32', inputStride: 'i32', length: 'i32' });
  const { accumulator, accumulatorStride, input, inputStride, length } = fn.params;
  const [end, count] = fn.locals('i32', 2);
  const contiguous = seq(
    end.set(add(input.get(), i32.shl(length.get(), c(2)))),
    forPointer(input, input.get(), i32.sub(end.get(), c(12)), 16,
      v128.store(accumulator.get(), vector(v128.load(accumulator.get()), v128.load(input.get()))),
      advance(accumulator, c(16))),
    forPointer(input, input.get(), end.get(), 4,
      f32.store(accumulator.get(), scalar(f32.load(accumulator.get()), f32.load(input.get()))),
      advance(accumulator, c(4))),
  );
  const strided = seq(
    accumulatorStride.set(i32.shl(accumulatorStride.get(), c(2))),
    inputStride.set(i32.shl(inputStride.get(), c(2))),
    forPointer(count, c(0), length.get(), 1,
      f32.store(accumulator.get(), scalar(f32.load(accumulator.get()), f32.load(input.get()))),
      advance(accumulator, accumulatorStride.get()),
      advance(input, inputStride.get())),
  );
  return fn.finish(ifElse(i32.and(i32.eq(accumulatorStride.get(), c(1)), i32.eq(inputStride.get(), c(1))), contiguous, strided));
}

/** accumulator[i * accumulatorStride] += double(input[i * inputStride]); the accumulators are doubles. */
function sumRow(): FunctionDefinition {
  const fn = new FunctionBuilder('reduceSumRow', { accumulator: 'i32', accumulatorStride: 'i32', input: 'i32', inputStride: 'i32', length: 'i32' });
  const { accumulator, accumulatorStride, input, inputStride, length } = fn.params;
  const [end, count] = fn.locals('i32', 2);
  const pairs = fn.local('v128');
  const tail = fn.local('f64');
  const scalarStep = f64.store(accumulator.get(), f64.add(f64.load(accumulator.get()), f64.promoteF32(f32.load(input.get()))));
  // The whole row into one accumulator (a reduced innermost axis): two lanes of partial sums, even
  // and odd elements, then (even + odd + tail) added to it. A fixed order, not the TypeScript one:
  // the sums agree to double precision, so the floats almost always to the bit (tests allow 1 ulp).
  const intoOne = seq(
    end.set(add(input.get(), i32.shl(length.get(), c(2)))),
    pairs.set(f64x2.splat(f64.const(0))),
    tail.set(f64.const(0)),
    forPointer(input, input.get(), i32.sub(end.get(), c(4)), 8,
      pairs.set(f64x2.add(pairs.get(), f64x2.promoteLowF32x4(v128.load64Zero(input.get()))))),
    forPointer(input, input.get(), end.get(), 4, tail.set(f64.add(tail.get(), f64.promoteF32(f32.load(input.get()))))),
    f64.store(accumulator.get(), f64.add(f64.load(accumulator.get()),
      f64.add(f64.add(f64x2.extractLane(pairs.get(), 0), f64x2.extractLane(pairs.get(), 1)), tail.get()))),
  );
  const contiguous = seq(
    end.set(add(input.get(), i32.shl(length.get(), c(2)))),
    forPointer(input, input.get(), i32.sub(end.get(), c(4)), 8,
      v128.store(accumulator.get(), f64x2.add(v128.load(accumulator.get()), f64x2.promoteLowF32x4(v128.load64Zero(input.get())))),
      advance(accumulator, c(16))),
    forPointer(input, input.get(), end.get(), 4, scalarStep, advance(accumulator, c(8))),
  );
  const strided = seq(
    accumulatorStride.set(i32.shl(accumulatorStride.get(), c(3))),
    inputStride.set(i32.shl(inputStride.get(), c(2))),
    forPointer(count, c(0), length.get(), 1, scalarStep, advance(accumulator, accumulatorStride.get()), advance(input, inputStride.get())),
  );
  return fn.finish(ifElse(i32.and(i32.eq(accumulatorStride.get(), c(1)), i32.eq(inputStride.get(), c(1))), contiguous,
    ifElse(i32.and(i32.eqz(accumulatorStride.get()), i32.eq(inputStride.get(), c(1))), intoOne, strided)));
}

/** target[i] = float(source[i]) (doubles to floats), and fillDouble(target, length, value). */
function conversions(): FunctionDefinition[] {
  const demote = new FunctionBuilder('reduceDemote', { target: 'i32', source: 'i32', length: 'i32' });
  const end = demote.local('i32');
  const { target, source, length } = demote.params;
  const fill = new FunctionBuilder('fillDouble', { target: 'i32', length: 'i32', value: 'f64' });
  const fillEnd = fill.local('i32');
  return [
    demote.finish(
      end.set(add(target.get(), i32.shl(length.get(), c(2)))),
      forPointer(target, target.get(), end.get(), 4, f32.store(target.get(), f32.demoteF64(f64.load(source.get()))), advance(source, c(8))),
    ),
    fill.finish(
      fillEnd.set(add(fill.params.target.get(), i32.shl(fill.params.length.get(), c(3)))),
      forPointer(fill.params.target, fill.params.target.get(), fillEnd.get(), 8, f64.store(fill.params.target.get(), fill.params.value.get())),
    ),
  ];
}

export function reduceFunctions(): FunctionDefinition[] {
  return [foldRow('reduceMaxRow', f32x4.max, f32.max), foldRow('reduceMinRow', f32x4.min, f32.min), sumRow(), ...conversions()];
}
