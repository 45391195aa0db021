import { splitRanges } from '@neurite/backend';
import type { KernelCall, WasmKernelPart } from '@neurite/tensor';

/**
 * How the worker pool may split cnn's wasm kernels among its threads (`WasmKernelSource.split`).
 * Every part computes its output elements exactly as the whole call does, so results are the same
 * bits however a call is split.
 */

/**
 * For kernels that treat each image alone, with the batch first in every input and the output
 * (im2col, col2im, max-pooling positions): each part is the same kernel on a run of images.
 * `argsFor(call, images)` gives the args of a call on that many images.
 */
export function splitByImages<A>(argsFor: (call: KernelCall<A>, images: number) => readonly number[]) {
  return (call: KernelCall<A>, parts: number): WasmKernelPart[] | undefined => {
    const images = call.inputs[0].shape[0];
    if (parts < 2 || images < 2) return undefined;
    // float32 and int32 only: 4 bytes an element.
    const bytesPerImage = [...call.inputs, call.output].map(({ shape }) => (shape[0] === 0 ? 0 : (4 * shape.reduce((a, b) => a * b, 1)) / shape[0]));
    return splitRanges(images, parts).map(([start, end]) => ({ offsets: bytesPerImage.map((bytes) => bytes * start), args: argsFor(call, end - start) }));
  };
}
