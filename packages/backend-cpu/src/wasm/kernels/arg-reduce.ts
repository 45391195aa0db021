import { FunctionBuilder, f32, f32x4, forPointer, forRange, i32, ifThen, lanes, v128, type Code, type FunctionDefinition } from '@neurite/backend/wasm';

/**
 * Float32 argmax and argmin over the middle axis of [outer, axis, inner], four inner positions at a
 * time: the best value so far per position (in scratch) and its index (in the output). A candidate
 * wins when strictly better, or when it is NaN and the best so far is not: the first index on ties
 * and the first NaN, as the TypeScript kernel and PyTorch.
 */

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);

function argReduceFunction(op: 'argmax' | 'argmin'): FunctionDefinition {
  const fn = new FunctionBuilder(op, { out: 'i32', input: 'i32', outer: 'i32', axisSize: 'i32', inner: 'i32', best: 'i32' });
  const { out, input, outer, axisSize, inner, best } = fn.params;
  const [block, step, rowBytes, row, index, end, bestAt, target, from] = fn.locals('i32', 9);
  const [stepSplat, candidate, current, mask] = fn.locals('v128', 4);
  const betterVector = op === 'argmax' ? f32x4.gt : f32x4.lt;
  const betterScalar = op === 'argmax' ? f32.gt : f32.lt;
  const vectorEnd = (): Code => i32.sub(end.get(), c(12));
  return fn.finish(
    rowBytes.set(i32.shl(inner.get(), c(2))),
    forRange(block, c(0), outer.get(), 1,
      // The first row is the best so far, at index 0.
      target.set(add(out.get(), i32.mul(block.get(), rowBytes.get()))),
      row.set(add(input.get(), i32.mul(i32.mul(block.get(), axisSize.get()), rowBytes.get()))),
      end.set(add(best.get(), rowBytes.get())),
      from.set(row.get()),
      forPointer(bestAt, best.get(), end.get(), 4, f32.store(bestAt.get(), f32.load(from.get())), from.set(add(from.get(), c(4)))),
      index.set(target.get()),
      forPointer(index, index.get(), add(target.get(), rowBytes.get()), 4, i32.store(index.get(), c(0))),
      forRange(step, c(1), axisSize.get(), 1,
        row.set(add(row.get(), rowBytes.get())),
        stepSplat.set(lanes.i32x4Splat(step.get())),
        from.set(row.get()),
        index.set(target.get()),
        forPointer(bestAt, best.get(), vectorEnd(), 16,
          candidate.set(v128.load(from.get())),
          current.set(v128.load(bestAt.get())),
          mask.set(v128.or(betterVector(candidate.get(), current.get()),
            v128.and(f32x4.ne(candidate.get(), candidate.get()), f32x4.eq(current.get(), current.get())))),
          v128.store(bestAt.get(), v128.bitselect(candidate.get(), current.get(), mask.get())),
          v128.store(index.get(), v128.bitselect(stepSplat.get(), v128.load(index.get()), mask.get())),
          from.set(add(from.get(), c(16))),
          index.set(add(index.get(), c(16)))),
        forPointer(bestAt, bestAt.get(), end.get(), 4,
          ifThen(i32.or(betterScalar(f32.load(from.get()), f32.load(bestAt.get())),
            i32.and(f32.ne(f32.load(from.get()), f32.load(from.get())), f32.eq(f32.load(bestAt.get()), f32.load(bestAt.get())))),
          f32.store(bestAt.get(), f32.load(from.get())),
          i32.store(index.get(), step.get())),
          from.set(add(from.get(), c(4))),
          index.set(add(index.get(), c(4)))),
      ),
    ),
  );
}

export function argReduceFunctions(): FunctionDefinition[] {
  return [argReduceFunction('argmax'), argReduceFunction('argmin')];
}

