import type { ExtensionKernel } from './backend.js';
import type { KernelForm, PluginKernels } from './plugin-kernels.js';

/**
 * The plugin kernels of one backend instance, by op name. Backends compose this instead of
 * inheriting it, so a kernel never leaks from one backend instance to another. Each backend turns
 * the form it runs into a runnable kernel with `compile`.
 */
export class ExtensionKernelRegistry<Form extends KernelForm> {
  readonly #kernels = new Map<string, { readonly source: PluginKernels<never>; readonly kernel: ExtensionKernel<never> }>();

  constructor(
    private readonly backendName: string,
    private readonly form: Form,
    /** Makes the runnable kernel from the backend's form; it also gets every form given (an accelerated one may be among them). */
    private readonly compile: (name: string, form: NonNullable<PluginKernels<never>[Form]>, kernels: PluginKernels<never>) => ExtensionKernel<never>,
  ) {}

  register(name: string, kernels: PluginKernels<never>): void {
    const existing = this.#kernels.get(name);
    if (existing) {
      if (existing.source === kernels) return;
      throw new Error(`registerKernel: backend '${this.backendName}' already has a different kernel named '${name}' (two ops were defined with one name)`);
    }
    const form = kernels[this.form];
    if (!form) {
      const given = Object.keys(kernels);
      throw new Error(`registerKernel: '${name}' has no ${this.form} kernel, which backend '${this.backendName}' runs (it gives: ${given.length ? given.join(', ') : 'none'})`);
    }
    this.#kernels.set(name, { source: kernels, kernel: this.compile(name, form as NonNullable<PluginKernels<never>[Form]>, kernels) });
  }

  get(name: string): ExtensionKernel<never> | undefined {
    return this.#kernels.get(name)?.kernel;
  }

  names(): string[] {
    return [...this.#kernels.keys()];
  }
}
