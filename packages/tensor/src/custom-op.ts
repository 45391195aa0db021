import type { Backend, DType, ExtensionKernel } from '@neurite/backend';
import type { GradTensor, RuleContext } from '@neurite/autograd';
import { Tensor } from './tensor.js';
import { adoptBuffer } from './runtime/handles.js';
import { commonBackend, needsRecording, recordOp } from './runtime/dispatch.js';


/** What an op's gradient rule receives: the output's gradient and the saved inputs and output. */
export interface CustomGradientContext<Attributes> {
  readonly grad: Tensor;
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attributes: Attributes;
  /** Whether input i needs a gradient: return null for the others and skip their work. */
  readonly needsInputGrad: readonly boolean[];
}

/**
 * An op a plugin adds: its name, how its output is shaped, a kernel for each backend it supports and
 * its gradient. Kernels are registered on a backend instance the first time the op runs there, so
 * defining an op has no side effect and no global registry is involved.
 */
export interface CustomOpDefinition<Attributes> {
  /** Unique, namespaced by the plugin, e.g. 'cnn.im2col'. Also the kernel's name on each backend. */
  readonly name: string;
  /** Validates the inputs (clear errors naming the op) and returns the output's shape and dtype. */
  output(inputs: readonly Tensor[], attributes: Attributes): { readonly shape: readonly number[]; readonly dtype: DType };
  /** For each backend name, a function that makes the kernel for one backend instance. */
  readonly kernels: Readonly<Record<string, (backend: Backend) => ExtensionKernel<Attributes>>>;
  /**
   * The gradient with respect to each input (same shape as the input) or null, written with tensor
   * ops. Without it the op is not differentiable: backward through it is an error that says so.
   */
  backward?(context: CustomGradientContext<Attributes>): readonly (Tensor | null)[];
}

/** An op made by `defineOp`: call it with its inputs and attributes. */
export interface CustomOp<Attributes> {
  (inputs: readonly Tensor[], attributes: Attributes): Tensor;
  /** The op's (and its kernels') name. */
  readonly opName: string;
  /** Registers this op's kernel on `backend` now (it otherwise happens at first use), e.g. before a conformance run. */
  registerOn(backend: Backend): void;
}

function kernelFor<A>(definition: CustomOpDefinition<A>, backend: Backend): ExtensionKernel<A> {
  const registered = backend.extensionKernel(definition.name);
  if (registered) return registered as unknown as ExtensionKernel<A>;
  const factory = definition.kernels[backend.name];
  if (!factory) {
    const supported = Object.keys(definition.kernels);
    throw new Error(
      `${definition.name}: no kernel for the '${backend.name}' backend (this op has kernels for: ${supported.length ? supported.join(', ') : 'none'})`,
    );
  }
  const kernel = factory(backend);
  backend.registerKernel(definition.name, kernel as unknown as ExtensionKernel<never>);
  return kernel;
}

/**
 * Defines a new op with a kernel per backend and a gradient rule, the way plugins extend Neurite.
 * The op validates its inputs, runs the kernel of the inputs' backend, and records itself for
 * autograd when an input requires grad.
 */
export function defineOp<Attributes>(definition: CustomOpDefinition<Attributes>): CustomOp<Attributes> {
  const rule = (context: RuleContext<Attributes>): readonly (GradTensor | null)[] => {
    if (!definition.backward) throw new Error(`backward: the op '${definition.name}' has no gradient (its definition gives no backward)`);
    // The engine only ever hands this rule tensors made by this package.
    return definition.backward(context as unknown as CustomGradientContext<Attributes>);
  };
  const run = (inputs: readonly Tensor[], attributes: Attributes): Tensor => {
    for (const input of inputs) {
      if (!(input instanceof Tensor)) throw new Error(`${definition.name}: every input must be a Tensor`);
      input.assertUsable(definition.name);
    }
    const output = definition.output(inputs, attributes);
    const backend = commonBackend(definition.name, inputs);
    const kernel = kernelFor(definition, backend);
    const dataId = kernel(inputs.map((input) => input.kernelInput()), attributes, output);
    const result = adoptBuffer(backend, dataId, output.shape, output.dtype);
    if (needsRecording(inputs, output)) result.attachGradNode(recordOp(definition.name, rule, attributes, inputs, result));
    return result;
  };
  return Object.assign(run, { opName: definition.name, registerOn: (backend: Backend) => void kernelFor(definition, backend) });
}

