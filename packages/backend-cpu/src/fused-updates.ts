import { sizeOf, type DataId, type FusedUpdateAttributes, type FusedUpdateKernel, type FusedUpdateTable, type KernelInput } from '@neurite/backend';
import type { CpuBufferStore } from './buffer.js';
import type { WasmKernels } from './wasm/kernel-module.js';

/**
 * The CPU backend's fused optimizer updates (WebAssembly SIMD, `wasm/kernels/optimizers.ts`): one
 * pass per parameter for Adam/AdamW and SGD, following the optimizers' compositions. Inputs and
 * outputs are those of `FusedUpdateAttributes`.
 */
export function createFusedUpdates(store: CpuBufferStore, wasm: WasmKernels): FusedUpdateTable {
  const offsetOf = (input: KernelInput, op: string): number => store.resolve(input.dataId, op).offset;

  const adam: FusedUpdateKernel<FusedUpdateAttributes['adam']> = (inputs, options): DataId[] => {
    const size = sizeOf(inputs[0].shape);
    const outputs = inputs.filter((_, index) => index !== 1).map(() => store.allocate('float32', size));
    const [param, grad, expAvg, expAvgSq, maxExpAvgSq] = inputs.map((input) => offsetOf(input, 'adam'));
    const [newParam, newExpAvg, newExpAvgSq, newMax] = outputs.map((output) => output.offset);
    const decay = options.weightDecay === 0 ? 0 : options.decoupledWeightDecay ? 2 : 1;
    wasm.adamUpdate(
      param, grad, expAvg, expAvgSq, maxExpAvgSq ?? 0, newParam, newExpAvg, newExpAvgSq, newMax ?? 0, size,
      decay, options.amsgrad ? 1 : 0,
      // 1 - beta and 1 - lr·wd in double precision, rounded once, as the composition's scalars are.
      options.maximize ? -1 : 1, options.weightDecay, 1 - options.lr * options.weightDecay,
      options.beta1, 1 - options.beta1, options.beta2, 1 - options.beta2, options.biasCorrection2Sqrt, options.eps, options.stepSize,
    );
    return outputs;
  };

  const sgd: FusedUpdateKernel<FusedUpdateAttributes['sgd']> = (inputs, options): DataId[] => {
    const size = sizeOf(inputs[0].shape);
    const hasBuffer = inputs.length === 3;
    const outputs = (hasBuffer ? [0, 1] : [0]).map(() => store.allocate('float32', size));
    const [param, grad, buffer] = inputs.map((input) => offsetOf(input, 'sgd'));
    wasm.sgdUpdate(
      param, grad, buffer ?? 0, outputs[0].offset, outputs[1]?.offset ?? 0, size,
      hasBuffer ? 1 : 0, options.nesterov ? 1 : 0, options.weightDecay === 0 ? 0 : 1,
      options.maximize ? -1 : 1, options.lr, options.momentum, 1 - options.dampening, options.weightDecay,
    );
    return outputs;
  };

  return { adam, sgd };
}
