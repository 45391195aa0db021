import type { Backend, DType, ExtensionKernel, PluginKernels } from '@neurite/backend';
import type { GradTensor, RuleContext } from '@neurite/autograd';
import { Tensor } from './tensor.js';
import { adoptBuffer } from './runtime/handles.js';
import { commonBackend, needsRecording, recordOp } from './runtime/dispatch.js';
import { tidyInternal } from './runtime/memory.js';
import { describeNonTensor } from './runtime/foreign-tensor.js';

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
 * An op a plugin adds: its name, how its output is shaped, its kernels as data (one form per kind
 * of backend: a pure CPU function, a worker module, WGSL), an optional composite written with
 * tensor ops for backends it has no kernel for, and its gradient. Kernels are registered on a
 * backend instance the first time the op runs there, so defining an op has no side effect.
 */
export interface CustomOpDefinition<Attributes> {
  /** Unique, namespaced by the plugin, e.g. 'cnn.im2col'. Also the kernel's name on each backend. */
  readonly name: string;
  /** Validates the inputs (clear errors naming the op) and returns the output's shape and dtype. */
  output(inputs: readonly Tensor[], attributes: Attributes): { readonly shape: readonly number[]; readonly dtype: DType };
  /** The kernels, in the form each kind of backend runs (`backend.kernelForm`). */
  readonly kernels: PluginKernels<Attributes>;
  /**
   * The op written with tensor ops, run on a backend whose form `kernels` lacks. It must compute
   * the same values; its result is recorded with this op's `backward`, not the composite's graph.
   */
  composite?(inputs: readonly Tensor[], attributes: Attributes): Tensor;
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
  /**
   * Registers this op's kernel on `backend` now (it otherwise happens at first use), e.g. before a
   * conformance run. Throws if the backend's form is missing, or another op took the name there.
   */
  registerOn(backend: Backend): void;
}

/**
 * Defines a new op with kernels per kind of backend and a gradient rule, the way plugins extend
 * Neurite. The op validates its inputs, runs the kernel of the inputs' backend (or the composite
 * where the backend has none), and records itself for autograd when an input requires grad.
 */
export function defineOp<Attributes>(definition: CustomOpDefinition<Attributes>): CustomOp<Attributes> {
  const { name, kernels } = definition;
  // This op's kernel on each backend instance it ran on; null where it runs its composite.
  const compiled = new WeakMap<Backend, ExtensionKernel<Attributes> | null>();

  const kernelOn = (backend: Backend): ExtensionKernel<Attributes> | null => {
    let kernel = compiled.get(backend);
    if (kernel !== undefined) return kernel;
    if (kernels[backend.kernelForm]) {
      // The backend refuses a second, different definition under this name: two ops must not share one.
      backend.registerKernel(name, kernels as PluginKernels<never>);
      kernel = backend.extensionKernel(name) as unknown as ExtensionKernel<Attributes>;
    } else if (definition.composite) {
      kernel = null;
    } else {
      const supported = Object.keys(kernels);
      throw new Error(
        `${name}: no ${backend.kernelForm} kernel for the '${backend.name}' backend and no composite (this op has kernels for: ${supported.length ? supported.join(', ') : 'none'})`,
      );
    }
    compiled.set(backend, kernel);
    return kernel;
  };

  const rule = (context: RuleContext<Attributes>): readonly (GradTensor | null)[] => {
    if (!definition.backward) throw new Error(`backward: the op '${name}' has no gradient (its definition gives no backward)`);
    // The engine only ever hands this rule tensors made by this package.
    return definition.backward(context as unknown as CustomGradientContext<Attributes>);
  };

  const run = (inputs: readonly Tensor[], attributes: Attributes): Tensor => {
    for (const input of inputs) {
      if (!(input instanceof Tensor)) throw new Error(`${name}: every input must be a Tensor, got ${describeNonTensor(input)}`);
      input.assertUsable(name);
    }
    const output = definition.output(inputs, attributes);
    const backend = commonBackend(name, inputs);
    const kernel = kernelOn(backend);
    const result = kernel ? adoptBuffer(backend, kernel(inputs.map((input) => input.kernelInput()), attributes, output), output.shape, output.dtype) : runComposite(inputs, attributes, output);
    if (needsRecording(inputs, output)) result.attachGradNode(recordOp(name, rule, attributes, inputs, result));
    return result;
  };

  /** The composite's values, cut from its own graph: the op's rule is the gradient. */
  const runComposite = (inputs: readonly Tensor[], attributes: Attributes, output: { readonly shape: readonly number[]; readonly dtype: DType }): Tensor => {
    // Detached inputs: nothing the composite does is recorded, and its intermediates are tidied.
    const result = tidyInternal(() => definition.composite!(inputs.map((input) => input.detach()), attributes));
    if (result.shape.join() !== output.shape.join() || result.dtype !== output.dtype) {
      result.dispose();
      throw new Error(`${name}: the composite returned ${result.dtype} [${result.shape.join(', ')}], the op's output is ${output.dtype} [${output.shape.join(', ')}]`);
    }
    return result;
  };

  return Object.assign(run, { opName: name, registerOn: (backend: Backend) => void kernelOn(backend) });
}
