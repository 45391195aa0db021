import { Tensor, keep, noGrad, tidy } from '@neurite/tensor';
import type { OptionContext } from './options.js';

/** The option every optimizer has; schedulers change it between steps. */
export interface OptimizerOptions {
  lr: number;
}

/** One parameter group: its parameters and its own value of every option (PyTorch's `param_groups`). */
export type ParamGroup<O extends OptimizerOptions> = O & { params: Tensor[] };

/** A group as given to the constructor: parameters, plus the options that differ from the defaults. */
export type ParamGroupInput<O extends OptimizerOptions> = Partial<O> & { params: readonly Tensor[] };

/** What an optimizer optimizes: a list of parameters, or a list of parameter groups. */
export type OptimizerParams<O extends OptimizerOptions> = readonly Tensor[] | readonly ParamGroupInput<O>[];

/** Per-parameter state: tensors (moment estimates, buffers) and numbers (step counts). */
export type ParamState = Record<string, Tensor | number>;

/** An option's value as it appears in a state dict. */
export type OptionValue = number | boolean | string | readonly number[];

/** A parameter group in a state dict: its options, and its parameters as indices. */
export interface SerializedParamGroup {
  params: number[];
  [option: string]: OptionValue;
}

/**
 * PyTorch's optimizer state-dict shape: per-parameter state keyed by the parameter's index (counted
 * across groups, in order), and the groups with their options. Parameters that never had a gradient
 * have no entry.
 */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: SerializedParamGroup[];
}

export interface ZeroGradOptions {
  /** Drop gradients (`p.grad = null`) rather than fill them with zeros. Default true, as PyTorch 2. */
  setToNone?: boolean;
}

/**
 * The base of every optimizer: parameter groups, per-parameter state, `zeroGrad`, `step` and state
 * dicts. A subclass checks its options and updates one parameter at a time.
 */
export abstract class Optimizer<O extends OptimizerOptions = OptimizerOptions> {
  /** The options a group gets unless it sets its own. */
  readonly defaults: Readonly<O>;
  /** The groups; change an option (`opt.paramGroups[0].lr = 0.01`) and the next step uses it. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Each parameter's state, made at its first update. */
  protected readonly state = new Map<Tensor, ParamState>();
  /** The optimizer's name in error messages (class names do not survive minifiers). */
  readonly name: string;

  protected constructor(name: string, params: OptimizerParams<O>, defaults: O) {
    this.name = name;
    this.checkOptions(defaults, { optimizer: name, where: 'the options' });
    this.defaults = Object.freeze({ ...defaults });
    const list: readonly (Tensor | ParamGroupInput<O>)[] = [...params];
    if (list.length === 0) throw new Error(`${name}: got an empty parameter list`);
    const groups = list.every((item) => item instanceof Tensor) ? [{ params: list as readonly Tensor[] } as ParamGroupInput<O>] : list;
    for (const group of groups) {
      if (group instanceof Tensor || typeof group !== 'object' || group === null || !Array.isArray(group.params)) {
        throw new Error(`${name}: params must be a list of tensors or a list of groups { params: Tensor[], ...options }, not a mix`);
      }
      this.addParamGroup(group);
    }
  }

  /** Throws, naming the option and value, if an option is invalid. */
  protected abstract checkOptions(options: Readonly<O>, context: OptionContext): void;

  /**
   * Updates `param` in place (with `assign`) from its gradient. Runs inside `noGrad` and `tidy`:
   * temporaries are freed afterwards; keep state tensors with `setStateTensor`.
   */
  protected abstract updateParameter(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<O>): void;

  /** Adds a group; options it leaves out come from the defaults. */
  addParamGroup(group: ParamGroupInput<O>): void {
    const index = this.paramGroups.length;
    const where = `paramGroups[${index}]`;
    const { params, ...overrides } = group;
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in this.defaults)) {
        throw new Error(`${this.name}: ${where} has an unknown option '${key}'; the options are ${Object.keys(this.defaults).join(', ')}`);
      }
      if (value === undefined) delete (overrides as Record<string, unknown>)[key];
    }
    const seen = new Set<Tensor>();
    params.forEach((param, position) => {
      const label = `parameter ${position} of ${where}`;
      this.checkParameter(param, label);
      if (seen.has(param)) throw new Error(`${this.name}: ${label} appears twice in the group`);
      const owner = this.paramGroups.findIndex((other) => other.params.includes(param));
      if (owner >= 0) throw new Error(`${this.name}: ${label} is already in paramGroups[${owner}]; a parameter can be in one group only`);
      seen.add(param);
    });
    // Copied, so no two groups share an array option (betas).
    const options = copyOptions({ ...this.defaults, ...overrides } as unknown as Record<string, OptionValue>);
    const merged = { ...options, params: [...params] } as unknown as ParamGroup<O>;
    this.checkOptions(merged, { optimizer: this.name, where });
    this.paramGroups.push(merged);
  }

  private checkParameter(param: unknown, label: string): asserts param is Tensor {
    if (!(param instanceof Tensor)) throw new Error(`${this.name}: ${label} is not a Tensor`);
    if (param.isDisposed) throw new Error(`${this.name}: ${label} was disposed`);
    if (param.dtype !== 'float32') throw new Error(`${this.name}: ${label} has dtype '${param.dtype}'; only float32 tensors can be optimized`);
    if (!param.isLeaf) throw new Error(`${this.name}: ${label} is not a leaf (it was computed from other tensors); optimize the tensors it came from, or detach() it`);
    if (!param.requiresGrad) throw new Error(`${this.name}: ${label} does not require grad; set requiresGrad = true on it first`);
  }

  /** Clears every parameter's gradient. */
  zeroGrad({ setToNone = true }: ZeroGradOptions = {}): void {
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        const grad = param.grad;
        if (grad === null) continue;
        // The setter keeps the new gradient and disposes the old one.
        param.grad = setToNone ? null : grad.zerosLike();
      }
    }
  }

  /** One update of every parameter that has a gradient; parameters whose grad is null are skipped. */
  step(): void {
    noGrad(() =>
      tidy(() => {
        for (const group of this.paramGroups) {
          for (const param of group.params) {
            const grad = param.grad;
            if (grad === null) continue;
            let state = this.state.get(param);
            if (state === undefined) this.state.set(param, (state = {}));
            this.updateParameter(param, grad, state, group);
          }
        }
      }),
    );
  }

  /**
   * The state to save: options and per-parameter state (PyTorch's layout). The tensors are new
   * handles on the current values, not copies; later steps do not change them. The caller owns
   * them: dispose them (or make the dict inside `tidy`) when done.
   */
  stateDict(): OptimizerStateDict {
    const state: Record<number, ParamState> = {};
    let next = 0;
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...options } = group;
      const indices = params.map((param) => {
        const entry = this.state.get(param);
        if (entry !== undefined) state[next] = mapState(entry, (tensor) => tensor.detach());
        return next++;
      });
      return { ...copyOptions(options as Record<string, OptionValue>), params: indices };
    });
    return { state, paramGroups };
  }

  /**
   * Restores options and state saved by `stateDict()`, for the same parameters in the same order.
   * The tensors are shared, not copied (tensors are immutable), so the dict may be disposed after.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const { paramGroups: saved, state } = dict;
    if (saved.length !== this.paramGroups.length) {
      throw new Error(`${this.name}: loadStateDict: the state dict has ${saved.length} parameter groups, the optimizer has ${this.paramGroups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    saved.forEach((group, g) => {
      const params = this.paramGroups[g].params;
      if (group.params.length !== params.length) {
        throw new Error(`${this.name}: loadStateDict: paramGroups[${g}] has ${group.params.length} parameters in the state dict, ${params.length} in the optimizer`);
      }
      group.params.forEach((index, i) => byIndex.set(index, params[i]));
      const { params: _indices, ...options } = group;
      for (const key of Object.keys(options)) {
        if (!(key in this.defaults)) throw new Error(`${this.name}: loadStateDict: paramGroups[${g}] has option '${key}', which ${this.name} does not have`);
      }
      this.checkOptions({ ...this.paramGroups[g], ...options } as ParamGroup<O>, { optimizer: this.name, where: `loadStateDict paramGroups[${g}]` });
    });
    for (const [key, entry] of Object.entries(state)) {
      const param = byIndex.get(Number(key));
      if (param === undefined) throw new Error(`${this.name}: loadStateDict: state for parameter ${key}, which no group lists`);
      for (const [name, value] of Object.entries(entry)) {
        if (typeof value === 'number') continue;
        if (!(value instanceof Tensor)) throw new Error(`${this.name}: loadStateDict: state.${key}.${name} must be a Tensor or a number`);
        if (value.dtype !== 'float32' || value.shape.join() !== param.shape.join()) {
          throw new Error(`${this.name}: loadStateDict: state.${key}.${name} is ${value.dtype} [${value.shape.join(', ')}], expected float32 [${param.shape.join(', ')}] like parameter ${key}`);
        }
        // A synchronous copy between backends would need a read-back, which async backends cannot do.
        if (value.backend !== param.backend) {
          throw new Error(`${this.name}: loadStateDict: state.${key}.${name} is on backend '${value.backend.name}', parameter ${key} on '${param.backend.name}'; move it first`);
        }
      }
    }
    // Everything checked: now replace, so a failed load leaves the optimizer as it was.
    saved.forEach((group, g) => {
      const { params: _indices, ...options } = group;
      Object.assign(this.paramGroups[g], copyOptions(options));
    });
    for (const entry of this.state.values()) disposeState(entry);
    this.state.clear();
    for (const [key, entry] of Object.entries(state)) {
      this.state.set(byIndex.get(Number(key))!, mapState(entry, (tensor) => keep(tensor.detach())));
    }
  }

  /** Frees the optimizer's state tensors. The optimizer starts afresh at the next step. */
  dispose(): void {
    for (const entry of this.state.values()) disposeState(entry);
    this.state.clear();
  }
}

function mapState(entry: ParamState, mapTensor: (tensor: Tensor) => Tensor): ParamState {
  const out: ParamState = {};
  for (const [key, value] of Object.entries(entry)) out[key] = value instanceof Tensor ? mapTensor(value) : value;
  return out;
}

function disposeState(entry: ParamState): void {
  for (const value of Object.values(entry)) if (value instanceof Tensor) value.dispose();
}

/** Copies option values, so arrays (betas) are not shared between a dict and an optimizer. */
function copyOptions(options: Record<string, OptionValue>): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(options)) out[key] = Array.isArray(value) ? [...value] : value;
  return out;
}
