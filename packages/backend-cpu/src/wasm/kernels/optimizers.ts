import { FunctionBuilder, f32, f32x4, forPointer, i32, ifElse, seq, v128, type Code, type FunctionDefinition, type Local } from '@neurite/backend/wasm';

/**
 * Adam/AdamW and SGD as one pass per parameter instead of ten to fifteen elementwise ops: every
 * element of the parameter and its state read once and written once, four lanes at a time. The
 * operations and their order are those of the optimizers' compositions (`adamUpdateComposite`,
 * `sgdUpdateComposite`), each rounded to float32 as a tensor op would be. Options that change the
 * arithmetic are i32 flags, tested once per vector (always the same way: predicted).
 */

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);

/** Both widths of one lane operation, so the loop body is written once. */
interface Width {
  readonly bytes: number;
  load(address: Code): Code;
  store(address: Code, value: Code): Code;
  add(a: Code, b: Code): Code;
  sub(a: Code, b: Code): Code;
  mul(a: Code, b: Code): Code;
  div(a: Code, b: Code): Code;
  max(a: Code, b: Code): Code;
  sqrt(a: Code): Code;
  scalar(local: Local): Code;
}

function widths(splats: Map<Local, Local>): [Width, Width] {
  const vector: Width = {
    bytes: 16, load: (a) => v128.load(a), store: (a, v) => v128.store(a, v),
    add: f32x4.add, sub: f32x4.sub, mul: f32x4.mul, div: f32x4.div, max: f32x4.max, sqrt: f32x4.sqrt,
    scalar: (local) => splats.get(local)!.get(),
  };
  const lane: Width = {
    bytes: 4, load: (a) => f32.load(a), store: (a, v) => f32.store(a, v),
    add: f32.add, sub: f32.sub, mul: f32.mul, div: f32.div, max: f32.max, sqrt: f32.sqrt,
    scalar: (local) => local.get(),
  };
  return [vector, lane];
}

/** Runs `body(width)` over `length` elements, vectors then single lanes, advancing `pointers`. */
function loopBoth(counter: Local, length: Local, pointers: readonly Local[], body: (width: Width) => Code, both: [Width, Width]): Code {
  const end = length; // reused: becomes the end address of the first pointer
  const first = pointers[0];
  const advance = (bytes: number): Code => seq(...pointers.slice(1).map((pointer) => pointer.set(add(pointer.get(), c(bytes)))));
  return seq(
    end.set(add(first.get(), i32.shl(length.get(), c(2)))),
    forPointer(counter, first.get(), i32.sub(end.get(), c(12)), 16, first.set(counter.get()), body(both[0]), advance(16)),
    forPointer(counter, counter.get(), end.get(), 4, first.set(counter.get()), body(both[1]), advance(4)),
  );
}

function adam(): FunctionDefinition {
  const fn = new FunctionBuilder('adamUpdate', {
    param: 'i32', grad: 'i32', expAvg: 'i32', expAvgSq: 'i32', maxExpAvgSq: 'i32',
    newParam: 'i32', newExpAvg: 'i32', newExpAvgSq: 'i32', newMaxExpAvgSq: 'i32', length: 'i32',
    // decay: 0 none, 1 L2 (added to the gradient), 2 decoupled (AdamW); amsgrad: 0 or 1.
    decay: 'i32', amsgrad: 'i32',
    sign: 'f32', weightDecay: 'f32', shrink: 'f32', beta1: 'f32', oneMinusBeta1: 'f32', beta2: 'f32', oneMinusBeta2: 'f32',
    biasCorrection2Sqrt: 'f32', eps: 'f32', stepSize: 'f32',
  });
  const p = fn.params;
  const scalars = [p.sign, p.weightDecay, p.shrink, p.beta1, p.oneMinusBeta1, p.beta2, p.oneMinusBeta2, p.biasCorrection2Sqrt, p.eps, p.stepSize];
  const splats = new Map(scalars.map((scalar) => [scalar, fn.local('v128')]));
  const counter = fn.local('i32');
  const [g, w, m, v, second] = [fn.local('v128'), fn.local('v128'), fn.local('v128'), fn.local('v128'), fn.local('v128')];
  const [gs, ws, ms, vs, seconds] = [fn.local('f32'), fn.local('f32'), fn.local('f32'), fn.local('f32'), fn.local('f32')];
  const body = (x: Width): Code => {
    const [G, W, M, V, S] = x.bytes === 16 ? [g, w, m, v, second] : [gs, ws, ms, vs, seconds];
    return seq(
      G.set(x.mul(x.load(p.grad.get()), x.scalar(p.sign))),
      W.set(x.load(p.param.get())),
      ifElse(i32.eq(p.decay.get(), c(1)), G.set(x.add(G.get(), x.mul(W.get(), x.scalar(p.weightDecay)))),
        ifElse(i32.eq(p.decay.get(), c(2)), W.set(x.mul(W.get(), x.scalar(p.shrink))), seq())),
      M.set(x.add(x.mul(x.load(p.expAvg.get()), x.scalar(p.beta1)), x.mul(G.get(), x.scalar(p.oneMinusBeta1)))),
      V.set(x.add(x.mul(x.load(p.expAvgSq.get()), x.scalar(p.beta2)), x.mul(x.mul(G.get(), G.get()), x.scalar(p.oneMinusBeta2)))),
      x.store(p.newExpAvg.get(), M.get()),
      x.store(p.newExpAvgSq.get(), V.get()),
      S.set(V.get()),
      ifElse(p.amsgrad.get(), seq(S.set(x.max(x.load(p.maxExpAvgSq.get()), V.get())), x.store(p.newMaxExpAvgSq.get(), S.get())), seq()),
      x.store(p.newParam.get(), x.sub(W.get(), x.mul(x.div(M.get(), x.add(x.div(x.sqrt(S.get()), x.scalar(p.biasCorrection2Sqrt)), x.scalar(p.eps))), x.scalar(p.stepSize)))),
    );
  };
  return fn.finish(
    ...scalars.map((scalar) => splats.get(scalar)!.set(f32x4.splat(scalar.get()))),
    loopBoth(counter, p.length, [p.param, p.grad, p.expAvg, p.expAvgSq, p.maxExpAvgSq, p.newParam, p.newExpAvg, p.newExpAvgSq, p.newMaxExpAvgSq], body, widths(splats)),
  );
}

function sgd(): FunctionDefinition {
  const fn = new FunctionBuilder('sgdUpdate', {
    param: 'i32', grad: 'i32', buffer: 'i32', newParam: 'i32', newBuffer: 'i32', length: 'i32',
    // hasBuffer, nesterov, decay: 0 or 1.
    hasBuffer: 'i32', nesterov: 'i32', decay: 'i32',
    sign: 'f32', lr: 'f32', momentum: 'f32', oneMinusDampening: 'f32', weightDecay: 'f32',
  });
  const p = fn.params;
  const scalars = [p.sign, p.lr, p.momentum, p.oneMinusDampening, p.weightDecay];
  const splats = new Map(scalars.map((scalar) => [scalar, fn.local('v128')]));
  const counter = fn.local('i32');
  const [d, next] = [fn.local('v128'), fn.local('v128')];
  const [ds, nexts] = [fn.local('f32'), fn.local('f32')];
  const body = (x: Width): Code => {
    const [D, N] = x.bytes === 16 ? [d, next] : [ds, nexts];
    return seq(
      D.set(x.mul(x.load(p.grad.get()), x.scalar(p.sign))),
      ifElse(p.decay.get(), D.set(x.add(D.get(), x.mul(x.load(p.param.get()), x.scalar(p.weightDecay)))), seq()),
      ifElse(p.hasBuffer.get(), seq(
        N.set(x.add(x.mul(x.load(p.buffer.get()), x.scalar(p.momentum)), x.mul(D.get(), x.scalar(p.oneMinusDampening)))),
        x.store(p.newBuffer.get(), N.get()),
        ifElse(p.nesterov.get(), D.set(x.add(D.get(), x.mul(N.get(), x.scalar(p.momentum)))), D.set(N.get())),
      ), seq()),
      x.store(p.newParam.get(), x.sub(x.load(p.param.get()), x.mul(D.get(), x.scalar(p.lr)))),
    );
  };
  return fn.finish(
    ...scalars.map((scalar) => splats.get(scalar)!.set(f32x4.splat(scalar.get()))),
    loopBoth(counter, p.length, [p.param, p.grad, p.buffer, p.newParam, p.newBuffer], body, widths(splats)),
  );
}

export function optimizerFunctions(): FunctionDefinition[] {
  return [adam(), sgd()];
}
