import { sizeOf, type DataId, type FusedUpdateAttributes, type FusedUpdateKernel, type FusedUpdateTable, type KernelInput } from '@neurite/backend';
import { fusedUpdateOutputCount } from '@neurite/backend-cpu/kernels';
import { splitElements } from './partition.js';
import type { Task } from './protocol.js';
import type { WorkerRuntime } from './runtime.js';

/**
 * Adam/AdamW and SGD as one pass per parameter, the CPU backend's WebAssembly kernels on ranges of
 * elements (each worker its own). Declined (the optimizer composes the update) on the TypeScript
 * path, as the CPU backend declines it there.
 */
export function fusedUpdates(runtime: WorkerRuntime): FusedUpdateTable {
  const bind = <K extends keyof FusedUpdateAttributes>(op: K): FusedUpdateKernel<FusedUpdateAttributes[K]> =>
    (inputs: readonly KernelInput[], attributes: FusedUpdateAttributes[K]): DataId[] | undefined => {
      if (!runtime.wasm) return undefined;
      const shape = inputs[0].shape;
      const outputs = Array.from({ length: fusedUpdateOutputCount(inputs.length) }, () => ({ shape, dtype: 'float32' as const }));
      return runtime.run(op, inputs, outputs, attributes, (refs, outRefs) =>
        splitElements(sizeOf(shape), runtime.policy).map(([start, end]): Task => ({
          kind: 'update', op, attributes, size: end - start,
          inputs: refs.map((ref) => ref.offset + 4 * start),
          outputs: outRefs.map((ref) => ref.offset + 4 * start),
        })), (operands, written) => runtime.mainRunner.run({
        kind: 'update', op, attributes, size: sizeOf(shape), inputs: operands.map((operand) => operand.offset), outputs: written.map((operand) => operand.offset),
      }));
    };
  return { adam: bind('adam'), sgd: bind('sgd') };
}
