import { sizeOf, type DataId, type FusedUpdateAttributes, type FusedUpdateKernel, type FusedUpdateTable, type KernelInput } from '@neurite/backend';
import type { CpuBufferStore } from './buffer.js';
import type { WasmKernels } from './wasm/kernel-module.js';

/**
 * One fused optimizer update over `size` elements at byte offsets: the inputs of
 * `FusedUpdateAttributes` (param, grad, state…) and the outputs (param, state…). Elementwise, so a
 * worker pool runs it on ranges of elements, each thread from its own offsets.
 */
export type FusedUpdateRunner<K extends keyof FusedUpdateAttributes> = (
  wasm: WasmKernels, inputs: readonly number[], outputs: readonly number[], size: number, options: FusedUpdateAttributes[K],
) => void;

export const runAdamUpdate: FusedUpdateRunner<'adam'> = (wasm, [param, grad, expAvg, expAvgSq, maxExpAvgSq], [newParam, newExpAvg, newExpAvgSq, newMax], size, options) => {
  const decay = options.weightDecay === 0 ? 0 : options.decoupledWeightDecay ? 2 : 1;
  wasm.adamUpdate(
    param, grad, expAvg, expAvgSq, maxExpAvgSq ?? 0, newParam, newExpAvg, newExpAvgSq, newMax ?? 0, size,
    decay, options.amsgrad ? 1 : 0,
    // 1 - beta and 1 - lr·wd in double precision, rounded once, as the composition's scalars are.
    options.maximize ? -1 : 1, options.weightDecay, 1 - options.lr * options.weightDecay,
    options.beta1, 1 - options.beta1, options.beta2, 1 - options.beta2, options.biasCorrection2Sqrt, options.eps, options.stepSize,
  );
};

export const runSgdUpdate: FusedUpdateRunner<'sgd'> = (wasm, [param, grad, buffer], [newParam, newBuffer], size, options) => {
  const hasBuffer = buffer !== undefined;
  wasm.sgdUpdate(
    param, grad, buffer ?? 0, newParam, newBuffer ?? 0, size,
    hasBuffer ? 1 : 0, options.nesterov ? 1 : 0, options.weightDecay === 0 ? 0 : 1,
    options.maximize ? -1 : 1, options.lr, options.momentum, 1 - options.dampening, options.weightDecay,
  );
};

/** How many outputs an update makes from its inputs: every input but the gradient. */
export function fusedUpdateOutputCount(inputCount: number): number {
  return inputCount - 1;
}

/**
 * The CPU backend's fused optimizer updates (WebAssembly SIMD, `wasm/kernels/optimizers.ts`): one
 * pass per parameter for Adam/AdamW and SGD, following the optimizers' compositions. Inputs and
 * outputs are those of `FusedUpdateAttributes`.
 */
export function createFusedUpdates(store: CpuBufferStore, wasm: WasmKernels): FusedUpdateTable {
  const bind = <K extends keyof FusedUpdateAttributes>(name: K, run: FusedUpdateRunner<K>): FusedUpdateKernel<FusedUpdateAttributes[K]> =>
    (inputs: readonly KernelInput[], options: FusedUpdateAttributes[K]): DataId[] => {
      const size = sizeOf(inputs[0].shape);
      const outputs = Array.from({ length: fusedUpdateOutputCount(inputs.length) }, () => store.allocate('float32', size));
      run(wasm, inputs.map((input) => store.resolve(input.dataId, name).offset), outputs.map((output) => output.offset), size, options);
      return outputs;
    };
  return { adam: bind('adam', runAdamUpdate), sgd: bind('sgd', runSgdUpdate) };
}
