import type { Backend, KernelOutput, KernelPrimitive, Primitive, PrimitiveAttributes } from '@neurite/backend';
import { gradientRules, isGradEnabled, OpNode, type RuleFor } from '@neurite/autograd';
import { Tensor } from '../tensor.js';
import { adoptBuffer, shareStorage } from './handles.js';
import { formatShape } from '../shape-utils.js';

/** Whether a result must be recorded: grad mode is on, it is float, and an input requires grad. */
export function needsRecording(inputs: readonly Tensor[], output: KernelOutput): boolean {
  return output.dtype === 'float32' && isGradEnabled() && inputs.some((input) => input.requiresGrad);
}

/** Records `output` as produced by an op from `inputs` with `rule` as its gradient, saving what backward needs. */
export function recordOp<A>(name: string, rule: RuleFor<A>, attributes: A, inputs: readonly Tensor[], output: Tensor): OpNode<A> {
  return new OpNode(
    name,
    rule,
    attributes,
    inputs.map((input) => (input.requiresGrad ? input.gradNode : null)),
    { inputs: inputs.map((input) => shareStorage(input, input.shape, null, false)), output: shareStorage(output, output.shape, null, false) },
  );
}

function record<P extends Primitive>(primitive: P, attributes: PrimitiveAttributes[P], inputs: readonly Tensor[], output: Tensor): OpNode<PrimitiveAttributes[P]> {
  return recordOp(primitive, gradientRules[primitive] as RuleFor<PrimitiveAttributes[P]>, attributes, inputs, output);
}

/**
 * Advice that works: `.to()` moves at once only a tensor whose backend reads synchronously (the
 * CPU); a tensor on a queued backend (worker, WebGPU) moves with `await toAsync()`.
 */
function howToMove(first: Backend, other: Backend): string {
  if (other.capabilities.synchronousRead) return `move the '${other.name}' one with .to('${first.name}')`;
  if (first.capabilities.synchronousRead) return `move the '${first.name}' one with .to('${other.name}')`;
  return `move one with await x.toAsync('${first.name}')`;
}

export function commonBackend(op: string, inputs: readonly Tensor[], fallback?: Backend): Backend {
  const backend = inputs[0]?.backend ?? fallback;
  if (!backend) throw new Error(`${op}: no input and no backend to run on (internal error)`);
  for (const input of inputs) {
    if (input.backend !== backend) {
      throw new Error(`${op}: inputs live on different backends ('${backend.name}' and '${input.backend.name}'); ${howToMove(backend, input.backend)}`);
    }
  }
  return backend;
}

/** Runs one primitive kernel and wraps its result, recording it for autograd when needed. */
export function runKernel<P extends KernelPrimitive>(
  primitive: P,
  inputs: readonly Tensor[],
  attributes: PrimitiveAttributes[P],
  output: KernelOutput,
  op: string = primitive,
): Tensor {
  for (const input of inputs) input.assertUsable(op);
  const backend = commonBackend(op, inputs);
  const dataId = backend.kernels[primitive](
    inputs.map((input) => input.kernelInput()),
    attributes,
    output,
  );
  const result = adoptBuffer(backend, dataId, output.shape, output.dtype);
  if (needsRecording(inputs, output)) result.attachGradNode(record(primitive, attributes, inputs, result));
  return result;
}

/** Reshape shares the buffer; only the graph records that it happened. */
export function runReshape(input: Tensor, shape: readonly number[]): Tensor {
  input.assertUsable('reshape');
  if (input.size !== shape.reduce((a, b) => a * b, 1)) {
    throw new Error(`reshape: cannot view ${formatShape(input.shape)} as ${formatShape(shape)} (internal error)`);
  }
  const result = shareStorage(input, shape, null, true);
  const output = { shape, dtype: input.dtype };
  if (needsRecording([input], output)) result.attachGradNode(record('reshape', { shape: [...shape] }, [input], result));
  return result;
}
