import type { Tensor } from '@neurite/tensor';
import { keep as keepTensor, noGrad } from '@neurite/tensor';
import { Parameter } from './parameter.js';

/** A module's state: parameters and persistent buffers by their state-dict names. */
export type StateDict = Record<string, Tensor>;

export interface LoadStateDictOptions {
  /** Every key must match, with the same shape (default true, as PyTorch). */
  readonly strict?: boolean;
}

export interface LoadStateDictResult {
  readonly missingKeys: readonly string[];
  readonly unexpectedKeys: readonly string[];
}

/**
 * The base of every layer and model. A subclass assigns its parameters (`Parameter`) and
 * submodules as properties, which registers them under the property name. Where the state-dict
 * name must differ from the property (PyTorch's `weight_ih_l0`), or for buffers (running
 * statistics), it calls `registerParameter`, `registerModule` or `registerBuffer`.
 */
export abstract class Module<Inputs extends unknown[] = [Tensor], Output = Tensor> {
  /** Training mode (dropout active, batch statistics used); `eval()` turns it off. */
  training = true;

  readonly #registered = {
    parameters: new Map<string, Parameter | null>(),
    buffers: new Map<string, { tensor: Tensor | null; persistent: boolean }>(),
    modules: new Map<string, AnyModule | null>(),
  };

  abstract forward(...inputs: Inputs): Output;

  /** Registers `parameter` under `name` (use when the state-dict name is not the property name). */
  registerParameter<P extends Parameter | null>(name: string, parameter: P): P {
    checkName('registerParameter', name);
    this.#registered.parameters.set(name, parameter);
    return parameter;
  }

  /** Registers a tensor that is state but not a parameter, e.g. BatchNorm's `running_mean`. */
  registerBuffer<T extends Tensor | null>(name: string, tensor: T, options: { persistent?: boolean } = {}): T {
    checkName('registerBuffer', name);
    if (tensor) keepOwned(tensor);
    this.#registered.buffers.set(name, { tensor, persistent: options.persistent ?? true });
    return tensor;
  }

  /** Replaces a registered buffer's tensor (e.g. after updating running statistics). */
  setBuffer(name: string, tensor: Tensor): void {
    const entry = this.#registered.buffers.get(name);
    if (!entry) throw new Error(`setBuffer: ${this.constructor.name} has no buffer named '${name}'`);
    if (entry.tensor && entry.tensor !== tensor) entry.tensor.dispose();
    keepOwned(tensor);
    entry.tensor = tensor;
  }

  registerModule<M extends AnyModule | null>(name: string, module: M): M {
    checkName('registerModule', name);
    this.#registered.modules.set(name, module);
    return module;
  }

  /** Direct parameters: explicitly registered ones, then Parameter-valued properties, in order. */
  #ownParameters(): [string, Parameter][] {
    const result: [string, Parameter][] = [];
    const seen = new Set<Parameter>();
    for (const [name, parameter] of this.#registered.parameters) {
      if (parameter) {
        result.push([name, parameter]);
        seen.add(parameter);
      }
    }
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Parameter && !seen.has(value)) {
        result.push([name, value]);
        seen.add(value);
      }
    }
    return result;
  }

  #ownModules(): [string, AnyModule][] {
    const result: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    for (const [name, module] of this.#registered.modules) {
      if (module) {
        result.push([name, module]);
        seen.add(module);
      }
    }
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Module && !seen.has(value)) {
        result.push([name, value]);
        seen.add(value);
      }
    }
    return result;
  }

  namedChildren(): [string, AnyModule][] {
    return this.#ownModules();
  }

  children(): AnyModule[] {
    return this.#ownModules().map(([, module]) => module);
  }

  /** Every module in the tree, this one first, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, AnyModule][] {
    const result: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    // An explicit stack, not recursion: a model can be arbitrarily deep.
    const stack: [string, AnyModule][] = [[prefix, this as AnyModule]];
    while (stack.length > 0) {
      const [name, module] = stack.pop()!;
      if (seen.has(module)) continue;
      seen.add(module);
      result.push([name, module]);
      const children = module.namedChildren();
      for (let i = children.length - 1; i >= 0; i--) stack.push([name ? `${name}.${children[i][0]}` : children[i][0], children[i][1]]);
    }
    return result;
  }

  modules(): AnyModule[] {
    return this.namedModules().map(([, module]) => module);
  }

  /** Every parameter, with its state-dict name (shared parameters appear once). */
  namedParameters(): [string, Parameter][] {
    const result: [string, Parameter][] = [];
    const seen = new Set<Parameter>();
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, parameter] of module.#ownParameters()) {
        if (seen.has(parameter)) continue;
        seen.add(parameter);
        result.push([prefix ? `${prefix}.${name}` : name, parameter]);
      }
    }
    return result;
  }

  parameters(): Parameter[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  namedBuffers(options: { persistentOnly?: boolean } = {}): [string, Tensor][] {
    const result: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, entry] of module.#registered.buffers) {
        if (entry.tensor && (entry.persistent || !options.persistentOnly)) result.push([prefix ? `${prefix}.${name}` : name, entry.tensor]);
      }
    }
    return result;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, tensor]) => tensor);
  }

  /** Calls `fn` on every module in the tree (children first, as PyTorch), then returns this. */
  apply(fn: (module: AnyModule) => void): this {
    for (const module of this.modules().reverse()) fn(module);
    return this;
  }

  train(mode = true): this {
    for (const module of this.modules()) module.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter. */
  zeroGrad(): void {
    for (const parameter of this.parameters()) if (parameter.grad) parameter.grad = null;
  }

  /**
   * Parameters and persistent buffers by PyTorch's state-dict names. The tensors are the module's
   * own (not copies): read or save them, do not dispose them.
   */
  stateDict(): StateDict {
    // PyTorch's order: module by module, each one's parameters then its persistent buffers.
    const state: StateDict = {};
    for (const [prefix, module] of this.namedModules()) {
      const key = (name: string) => (prefix ? `${prefix}.${name}` : name);
      for (const [name, parameter] of module.#ownParameters()) state[key(name)] = parameter;
      for (const [name, entry] of module.#registered.buffers) if (entry.tensor && entry.persistent) state[key(name)] = entry.tensor;
    }
    return state;
  }

  /**
   * Copies values from `state` into the parameters and buffers with the same names. Strict (the
   * default) refuses missing keys, unexpected keys and shape mismatches, naming every one of them.
   */
  loadStateDict(state: Readonly<Record<string, Tensor>>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((key) => !(key in state));
    const unexpectedKeys = Object.keys(state).filter((key) => !(key in own));
    const mismatches = Object.keys(own)
      .filter((key) => key in state && state[key].shape.join() !== own[key].shape.join())
      .map((key) => `${key}: expected shape [${own[key].shape.join(', ')}], got [${state[key].shape.join(', ')}]`);
    if (mismatches.length > 0 || (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0))) {
      const problems = [
        missingKeys.length > 0 && strict ? `missing keys: ${missingKeys.join(', ')}` : '',
        unexpectedKeys.length > 0 && strict ? `unexpected keys: ${unexpectedKeys.join(', ')}` : '',
        mismatches.length > 0 ? `shape mismatches: ${mismatches.join('; ')}` : '',
      ].filter(Boolean);
      throw new Error(`loadStateDict: ${this.constructor.name} cannot load this state dict (${problems.join('; ')})`);
    }
    noGrad(() => {
      for (const [key, target] of Object.entries(own)) {
        const source = state[key];
        if (!source) continue;
        const value = source.dtype === target.dtype ? source : source.cast(target.dtype);
        target.assign(value);
        if (value !== source) value.dispose();
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** Frees every parameter and buffer of the tree. The module is unusable afterwards. */
  dispose(): void {
    for (const parameter of this.parameters()) {
      parameter.grad?.dispose();
      parameter.dispose();
    }
    for (const buffer of this.buffers()) buffer.dispose();
  }

  /** A PyTorch-style outline: `Sequential(\n  (0): Linear(in_features=784, ...)\n)`. */
  toString(): string {
    const children = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (children.length === 0) return `${head})`;
    const lines = children.map(([name, child]) => `  (${name}): ${child.toString().split('\n').join('\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)`;
  }

  /** What `toString` shows inside the parentheses. */
  protected extraRepr(): string {
    return '';
  }
}

/** A module of any signature, as tree walks see it (call `forward` through a typed reference). */
export type AnyModule = Module<never[], unknown>;

function checkName(caller: string, name: string): void {
  if (!name || name.includes('.')) throw new Error(`${caller}: '${name}' is not a valid name (non-empty, no dots)`);
}

/** Buffers, like parameters, outlive every tidy: the module owns them. */
function keepOwned(tensor: Tensor): void {
  if (!tensor.isDisposed) keepTensor(tensor);
}
