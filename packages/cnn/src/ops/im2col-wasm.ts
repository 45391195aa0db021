import { FunctionBuilder, f32, f32x4, forPointer, forRange, i32, ifElse, ifThen, select, seq, v128, type Code, type FunctionDefinition, type Local } from '@neurite/backend/wasm';
import { splitByImages } from './wasm-split.js';
import type { KernelCall, WasmKernelSource } from '@neurite/tensor';
import { windowOutputSize, type WindowAttributes } from './window.js';

/**
 * The WebAssembly forms of im2col and col2im, for CPU backends with SIMD. Same loops as the CPU
 * forms (im2col-cpu.ts): per kernel position and output row, the span of output columns whose input
 * lies inside the image is copied (or added back), the rest is the pad value; with stride 1 the
 * span moves four floats at a time. col2im adds in the same order as its CPU form, so the two give
 * the same bits.
 */

const c = (value: number): Code => i32.const(value);
const add = (a: Code, b: Code): Code => i32.add(a, b);
const mul = (a: Code, b: Code): Code => i32.mul(a, b);
const bytes = (elements: Code): Code => i32.shl(elements, c(2));

/**
 * Inline code that sets `count` floats from `target` to `value` (four at a time, then the tail).
 * `target` is advanced; `end` and `splat` are scratch locals.
 */
function fillCode(target: Local, count: Code, value: Code, end: Local, splat: Local): Code {
  return seq(
    end.set(add(target.get(), bytes(count))),
    splat.set(f32x4.splat(value)),
    // Whole vectors while one fits before `end` (compared as target + 16 <= end, unsigned).
    forPointer(target, target.get(), i32.sub(end.get(), c(12)), 16, v128.store(target.get(), splat.get())),
    forPointer(target, target.get(), end.get(), 4, f32.store(target.get(), value)),
  );
}

/**
 * Inline code for one span: `count` floats, the image side at `image` with `stride` bytes between
 * them, the columns side contiguous at `columns`. `gather` copies image → columns (im2col);
 * otherwise the columns are added into the image (col2im). `image` and `columns` are advanced.
 */
function spanCode(gather: boolean, image: Local, stride: Code, columns: Local, count: Code, end: Local): Code {
  const step = (size: 4 | 16): Code => {
    const load = (address: Code): Code => (size === 16 ? v128.load(address) : f32.load(address));
    const store = (address: Code, value: Code): Code => (size === 16 ? v128.store(address, value) : f32.store(address, value));
    const sum = (x: Code, y: Code): Code => (size === 16 ? f32x4.add(x, y) : f32.add(x, y));
    return gather ? store(columns.get(), load(image.get())) : store(image.get(), sum(load(image.get()), load(columns.get())));
  };
  // Stride 2 (2x2 pooling): two vectors of the image row, their even lanes picked by one shuffle.
  // They reach one element past the fourth output's, so a vector runs only while a fifth output
  // follows (that element is then inside the span): never a read past the image.
  const evenLanes = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
  const strideTwo = gather
    ? forPointer(columns, columns.get(), i32.sub(end.get(), c(16)), 16,
      v128.store(columns.get(), v128.shuffle(v128.load(image.get()), v128.load(image.get(), 16), evenLanes)),
      image.set(add(image.get(), c(32))))
    : seq();
  return seq(
    end.set(add(columns.get(), bytes(count))),
    ifElse(i32.eq(stride, c(4)),
      seq(
        forPointer(columns, columns.get(), i32.sub(end.get(), c(12)), 16, step(16), image.set(add(image.get(), c(16)))),
        forPointer(columns, columns.get(), end.get(), 4, step(4), image.set(add(image.get(), c(4)))),
      ),
      seq(
        ifElse(i32.eq(stride, c(8)), strideTwo, seq()),
        forPointer(columns, columns.get(), end.get(), 4, step(4), image.set(add(image.get(), stride))))),
  );
}

const WINDOW_PARAMS = {
  image: 'i32', columns: 'i32',
  batch: 'i32', channels: 'i32', height: 'i32', width: 'i32', kh: 'i32', kw: 'i32', sh: 'i32', sw: 'i32',
  top: 'i32', left: 'i32', dh: 'i32', dw: 'i32', outHeight: 'i32', outWidth: 'i32', pad: 'f32',
  /** 1 when every window lies inside the image and the stride along rows is 1 (see `insideLoops`). */
  contiguousInside: 'i32',
} as const;

/** The byte address of image plane (n, ch). */
function planeAddress(fn: FunctionBuilder<typeof WINDOW_PARAMS>, n: Local, ch: Local): Code {
  const p = fn.params;
  return add(p.image.get(), bytes(mul(add(mul(n.get(), p.channels.get()), ch.get()), mul(p.height.get(), p.width.get()))));
}

/**
 * The shared loop nest: for every (n, c, i, j) row of the columns and every output row, the span
 * [first, end) of output columns inside the image (computed once per j), with `inside` emitting
 * the span and `outside(from, count)` the parts outside.
 */
function windowLoops(
  fn: FunctionBuilder<typeof WINDOW_PARAMS>,
  inside: (image: Code, columns: Code, count: Code) => Code,
  outside: (columns: Code, count: Code) => Code,
): Code {
  const p = fn.params;
  const [n, ch, i, j, oy, plane, row, offset, first, end, iy, outRow, rest] = fn.locals('i32', 13);
  const rowBytes = mul(mul(p.outHeight.get(), p.outWidth.get()), c(4));
  return seq(
    row.set(p.columns.get()),
    forRange(n, c(0), p.batch.get(), 1, forRange(ch, c(0), p.channels.get(), 1,
      plane.set(planeAddress(fn, n, ch)),
      forRange(i, c(0), p.kh.get(), 1, forRange(j, c(0), p.kw.get(), 1,
        offset.set(i32.sub(mul(j.get(), p.dw.get()), p.left.get())),
        // first = ceil(-offset / sw) clamped to [0, Wo]; end = floor((W - 1 - offset) / sw) + 1 clamped to [first, Wo].
        first.set(select(c(0), i32.minS(p.outWidth.get(), i32.divS(add(i32.sub(c(0), offset.get()), i32.sub(p.sw.get(), c(1))), p.sw.get())), i32.geS(offset.get(), c(0)))),
        rest.set(i32.sub(i32.sub(p.width.get(), c(1)), offset.get())),
        end.set(select(first.get(), i32.minS(p.outWidth.get(), add(i32.divS(rest.get(), p.sw.get()), c(1))), i32.ltS(rest.get(), c(0)))),
        end.set(select(end.get(), first.get(), i32.geS(end.get(), first.get()))),
        forRange(oy, c(0), p.outHeight.get(), 1,
          iy.set(add(i32.sub(mul(oy.get(), p.sh.get()), p.top.get()), mul(i.get(), p.dh.get()))),
          outRow.set(add(row.get(), bytes(mul(oy.get(), p.outWidth.get())))),
          ifElse(i32.or(i32.ltS(iy.get(), c(0)), i32.geS(iy.get(), p.height.get())),
            outside(outRow.get(), p.outWidth.get()),
            seq(
              ifThen(i32.gtS(first.get(), c(0)), outside(outRow.get(), first.get())),
              inside(
                add(plane.get(), bytes(add(mul(iy.get(), p.width.get()), add(offset.get(), mul(first.get(), p.sw.get()))))),
                add(outRow.get(), bytes(first.get())),
                i32.sub(end.get(), first.get()),
              ),
              ifThen(i32.ltS(end.get(), p.outWidth.get()), outside(add(outRow.get(), bytes(end.get())), i32.sub(p.outWidth.get(), end.get()))),
            )),
        ),
        row.set(add(row.get(), rowBytes)),
      )),
    )),
  );
}

/**
 * The loop nest when every window is inside the image with stride 1 along rows (an unpadded
 * convolution): no bounds, each (n, c, i, j) row of the columns is `outHeight` spans of `outWidth`
 * floats from consecutive image rows, and the columns are walked in order. Spans of 8 floats (a
 * 12x12 image, 5x5 kernel) spent more on the general nest's bookkeeping than on copying:
 * im2col of 64x8x12x12 took 0.83 ms (4 GB/s).
 */
function insideLoops(fn: FunctionBuilder<typeof WINDOW_PARAMS>, span: (image: Local, columns: Local, count: Code) => Code): Code {
  const p = fn.params;
  const [n, ch, i, j, oy, plane, source, image, columns] = fn.locals('i32', 9);
  return seq(
    columns.set(p.columns.get()),
    forRange(n, c(0), p.batch.get(), 1, forRange(ch, c(0), p.channels.get(), 1,
      plane.set(planeAddress(fn, n, ch)),
      forRange(i, c(0), p.kh.get(), 1, forRange(j, c(0), p.kw.get(), 1,
        source.set(add(plane.get(), bytes(add(mul(mul(i.get(), p.dh.get()), p.width.get()), mul(j.get(), p.dw.get()))))),
        forRange(oy, c(0), p.outHeight.get(), 1,
          image.set(source.get()),
          span(image, columns, p.outWidth.get()),
          source.set(add(source.get(), bytes(mul(p.sh.get(), p.width.get())))),
        ),
      )),
    )),
  );
}

function im2colEntry(): FunctionDefinition {
  const fn = new FunctionBuilder('im2col', WINDOW_PARAMS);
  const [from, to, end, stride] = fn.locals('i32', 4);
  const splat = fn.local('v128');
  return fn.finish(
    stride.set(mul(fn.params.sw.get(), c(4))),
    ifElse(fn.params.contiguousInside.get(),
      insideLoops(fn, (image, columns, count) => spanCode(true, image, c(4), columns, count, end)),
      windowLoops(
        fn,
        (image, columns, count) => seq(from.set(image), to.set(columns), spanCode(true, from, stride.get(), to, count, end)),
        (columns, count) => seq(to.set(columns), fillCode(to, count, fn.params.pad.get(), end, splat)),
      )),
  );
}

/** col2im's output (the image) starts at zero; then every column entry is added back. */
function col2imEntry(): FunctionDefinition {
  // The backend passes the input (columns) first, then the output (image).
  const { columns, image, ...rest } = WINDOW_PARAMS;
  const fn = new FunctionBuilder('col2im', { columns, image, ...rest });
  const p = fn.params;
  const [from, to, end, stride] = fn.locals('i32', 4);
  const splat = fn.local('v128');
  return fn.finish(
    to.set(p.image.get()),
    fillCode(to, mul(mul(p.batch.get(), p.channels.get()), mul(p.height.get(), p.width.get())), f32.const(0), end, splat),
    stride.set(mul(p.sw.get(), c(4))),
    ifElse(p.contiguousInside.get(),
      insideLoops(fn, (image, columns, count) => spanCode(false, image, c(4), columns, count, end)),
      windowLoops(
        fn,
        (image, columns, count) => seq(to.set(image), from.set(columns), spanCode(false, to, stride.get(), from, count, end)),
        () => seq(),
      )),
  );
}

function windowArgs(batch: number, channels: number, height: number, width: number, attributes: WindowAttributes): number[] {
  const [outHeight, outWidth] = windowOutputSize(attributes);
  const [top, , left] = attributes.padding;
  const [kh, kw] = attributes.kernel;
  const [sh, sw] = attributes.stride;
  const [dh, dw] = attributes.dilation;
  const inside = top === 0 && left === 0 && (outHeight - 1) * sh + (kh - 1) * dh <= height - 1 && (outWidth - 1) * sw + (kw - 1) * dw <= width - 1;
  return [batch, channels, height, width, kh, kw, sh, sw, top, left, dh, dw, outHeight, outWidth, attributes.padValue, inside && sw === 1 ? 1 : 0];
}

const im2colArgs = ({ inputs: [x], attributes }: KernelCall<WindowAttributes>, images: number) => windowArgs(images, x.shape[1], x.shape[2], x.shape[3], attributes);

export const im2colWasm: WasmKernelSource<WindowAttributes> = {
  functions: () => [im2colEntry()],
  entry: 'im2col',
  args: (call) => im2colArgs(call, call.inputs[0].shape[0]),
  split: splitByImages(im2colArgs),
};

const col2imArgs = ({ attributes }: KernelCall<WindowAttributes & { readonly channels: number }>, images: number) =>
  windowArgs(images, attributes.channels, attributes.inputSize[0], attributes.inputSize[1], attributes);

export const col2imWasm: WasmKernelSource<WindowAttributes & { readonly channels: number }> = {
  functions: () => [col2imEntry()],
  entry: 'col2im',
  args: (call) => col2imArgs(call, call.inputs[0].shape[0]),
  split: splitByImages(col2imArgs),
};
