import type { Backend } from './backend.js';

/** Makes a backend. Async because some backends must await a device before they exist. */
export type BackendFactory = () => Backend | Promise<Backend>;

interface Registration {
  readonly name: string;
  readonly factory: BackendFactory;
  readonly priority: number;
  instance?: Backend;
}

/**
 * Backends by name with a priority. The one piece of global state Neurite has: which backends exist
 * and which is active. Backends themselves are values; registering one has no other effect.
 */
export class BackendRegistry {
  readonly #registrations = new Map<string, Registration>();
  #active: Backend | undefined;

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

  /** Makes (once) and initialises the backend `name`, and makes it the active one. */
  async setBackend(name: string): Promise<Backend> {
    const backend = await this.instantiate(name);
    this.#active = backend;
    return backend;
  }

  /** Makes (once) and initialises the backend `name` without activating it. */
  async instantiate(name: string): Promise<Backend> {
    const registration = this.#registrations.get(name);
    if (!registration) {
      const known = this.names();
      throw new Error(
        `setBackend: no backend named '${name}'. Registered backends: ${known.length ? known.map((n) => `'${n}'`).join(', ') : '(none)'}`,
      );
    }
    if (!registration.instance) {
      const backend = await registration.factory();
      await backend.initialize();
      registration.instance = backend;
    }
    return registration.instance;
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
   * Activates an already-made backend synchronously, registering it under its name if needed.
   * The front end uses this for the CPU default, which needs no asynchronous set-up.
   */
  activate(backend: Backend, options: { priority?: number } = {}): void {
    const existing = this.#registrations.get(backend.name);
    if (existing && existing.instance && existing.instance !== backend) {
      throw new Error(`activate: a different backend instance is already registered as '${backend.name}'`);
    }
    if (!existing) {
      this.#registrations.set(backend.name, { name: backend.name, factory: () => backend, priority: options.priority ?? 0, instance: backend });
    } else {
      existing.instance = backend;
    }
    this.#active = backend;
  }

  /** Disposes and forgets the backend `name`. */
  remove(name: string): void {
    const registration = this.#registrations.get(name);
    if (!registration) return;
    if (registration.instance && registration.instance === this.#active) this.#active = undefined;
    registration.instance?.dispose();
    this.#registrations.delete(name);
  }
}

/** The process-wide registry (the only global mutable state in Neurite besides tensor scopes). */
export const backends = new BackendRegistry();

export function registerBackend(name: string, factory: BackendFactory, options?: { priority?: number }): void {
  backends.register(name, factory, options);
}

export function setBackend(name: string): Promise<Backend> {
  return backends.setBackend(name);
}
