import type { ExtensionKernel } from './backend.js';

/**
 * The plugin kernels of one backend instance, by op name. Backends compose this instead of
 * inheriting it, so a kernel never leaks from one backend instance to another.
 */
export class ExtensionKernelRegistry {
  readonly #kernels = new Map<string, ExtensionKernel<never>>();

  constructor(private readonly backendName: string) {}

  register(name: string, kernel: ExtensionKernel<never>): void {
    if (this.#kernels.has(name)) {
      throw new Error(`registerKernel: backend '${this.backendName}' already has a kernel named '${name}'`);
    }
    this.#kernels.set(name, kernel);
  }

  get(name: string): ExtensionKernel<never> | undefined {
    return this.#kernels.get(name);
  }

  names(): string[] {
    return [...this.#kernels.keys()];
  }
}
