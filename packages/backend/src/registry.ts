import type { Backend } from './backend.js';

/** Makes a backend. Async because some backends must await a device before they exist. */
export type BackendFactory = () => Backend | Promise<Backend>;

interface Registration {
  readonly name: string;
  readonly factory: BackendFactory;
  readonly priority: number;
  /** The one instance, once made and initialised. */
  instance?: Backend;
  /** The instance being made: concurrent callers share it, so a factory runs once at a time. */
  making?: Promise<Backend>;
}

/**
 * Backends by name with a priority, and which one is active: the process-wide registry is the one
 * global Neurite keeps besides the memory tracker of live tensors. Backends themselves are values;
 * registering one has no other effect.
 */
export class BackendRegistry {
  readonly #registrations = new Map<string, Registration>();
  #active: Backend | undefined;
  /** The `setBackend` calls that have not settled, newest last; while any is, `active` is not final. */
  readonly #switching: string[] = [];

  /** Registers a factory under `name`. Higher priority wins when the best backend is picked. */
  register(name: string, factory: BackendFactory, options: { priority?: number } = {}): void {
    if (this.#registrations.has(name)) {
      throw new Error(`registerBackend: a backend named '${name}' is already registered`);
    }
    this.#registrations.set(name, { name, factory, priority: options.priority ?? 0 });
  }

  /** Whether `name` is registered. */
  has(name: string): boolean {
    return this.#registrations.has(name);
  }

  /** Registered names, highest priority first. */
  names(): string[] {
    return [...this.#registrations.values()].sort((a, b) => b.priority - a.priority).map((r) => r.name);
  }

  /** The registered names for an error message: `'webgpu', 'cpu'`, or `(none)`. */
  listed(): string {
    const known = this.names();
    return known.length ? known.map((n) => `'${n}'`).join(', ') : '(none)';
  }

  /**
   * Makes (once) and initialises the backend `name`, and makes it the active one. Until it
   * settles, `switching` names it, and the front end refuses to make tensors on a backend that is
   * about to stop being the active one.
   */
  async setBackend(name: string): Promise<Backend> {
    this.#switching.push(name);
    try {
      const backend = await this.instantiate(name);
      this.#active = backend;
      return backend;
    } finally {
      this.#switching.splice(this.#switching.indexOf(name), 1);
    }
  }

  /** The backend a pending `setBackend` call is switching to, or undefined when none is pending. */
  get switching(): string | undefined {
    return this.#switching.at(-1);
  }

  /** Makes (once) and initialises the backend `name` without activating it. Concurrent calls share one instance. */
  instantiate(name: string): Promise<Backend> {
    const registration = this.#registrations.get(name);
    if (!registration) return Promise.reject(new Error(`setBackend: no backend named '${name}'. Registered backends: ${this.listed()}`));
    // initialize() again: a no-op for a healthy backend, a new device for a WebGPU backend whose device was lost.
    const instance = registration.instance;
    if (instance) return instance.initialize().then(() => instance);
    registration.making ??= (async () => {
      try {
        const backend = await registration.factory();
        await backend.initialize();
        registration.instance = backend;
        return backend;
      } finally {
        // A failed attempt leaves nothing behind, so the next call tries again.
        registration.making = undefined;
      }
    })();
    return registration.making;
  }

  /** The initialised instance of `name`, or undefined when it has not been made (or is not registered). */
  instance(name: string): Backend | undefined {
    return this.#registrations.get(name)?.instance;
  }

  /**
   * Tries the registered backends from the highest priority down and activates the first that
   * initialises. Returns its name.
   */
  async setBestBackend(): Promise<string> {
    const failures: string[] = [];
    for (const name of this.names()) {
      try {
        await this.setBackend(name);
        return name;
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new Error(`setBestBackend: no registered backend could initialise (${failures.join('; ') || 'none registered'})`);
  }

  /** The active backend, or undefined when none has been set. */
  get active(): Backend | undefined {
    return this.#active;
  }

  /**
   * Registers an already-made backend under its name (if not yet) and activates it synchronously.
   * The front end uses this for the CPU default, which needs no asynchronous set-up.
   */
  activate(backend: Backend, options: { priority?: number } = {}): void {
    this.adopt(backend, options);
    this.#active = backend;
  }

  /** Registers an already-made, initialised backend as the instance of its name, without activating it. */
  adopt(backend: Backend, options: { priority?: number } = {}): void {
    const existing = this.#registrations.get(backend.name);
    if (existing && existing.instance && existing.instance !== backend) {
      throw new Error(`activate: a different backend instance is already registered as '${backend.name}'`);
    }
    if (!existing) {
      this.#registrations.set(backend.name, { name: backend.name, factory: () => backend, priority: options.priority ?? 0, instance: backend });
    } else {
      existing.instance = backend;
    }
  }
}

/**
 * Where the registry lives: on globalThis under a registered symbol, not in this module. A program
 * can load this package twice, as its ESM build and as its CommonJS build (an ESM app whose CJS
 * dependency requires Neurite: the dual-package hazard), and both copies must see one registry, or
 * a backend set through one copy would not be the one the other makes tensors on. The number is the
 * registry's shape: bump it when BackendRegistry's methods change incompatibly, so that copies of
 * two incompatible versions keep registries of their own instead of calling methods that are not there.
 */
const registryKey = Symbol.for('@neurite/backend registry, shape 1');

function processRegistry(): BackendRegistry {
  const holder = globalThis as { [registryKey]?: BackendRegistry };
  holder[registryKey] ??= new BackendRegistry();
  return holder[registryKey];
}

/** The process-wide registry, shared by every copy of this package in the process (see registryKey). */
export const backends = processRegistry();

export function registerBackend(name: string, factory: BackendFactory, options?: { priority?: number }): void {
  backends.register(name, factory, options);
}

export function setBackend(name: string): Promise<Backend> {
  return backends.setBackend(name);
}
