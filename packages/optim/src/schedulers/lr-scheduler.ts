import { Optimizer } from '../optimizer.js';

/** A value in a scheduler's state dict. */
export type SchedulerStateValue = number | boolean | string | number[];

/** A scheduler's state: where it is in its schedule, plus its own settings. */
export interface SchedulerStateDict {
  lastEpoch: number;
  baseLrs: number[];
  lastLr: number[];
  [field: string]: SchedulerStateValue;
}

/**
 * The base of the learning-rate schedulers. It writes each parameter group's `lr` on every
 * `step()`, as PyTorch's `_LRScheduler`: the constructor takes the first step (epoch 0), so call
 * `scheduler.step()` after `optimizer.step()`. Subclasses compute the new rates the way PyTorch
 * does, recursively from the current `lr` where PyTorch does, so the sequences match it.
 */
export abstract class LRScheduler {
  readonly optimizer: Optimizer;
  /** How many times `step()` has run since the first, PyTorch's `last_epoch`. */
  lastEpoch = -1;
  /** Each group's learning rate when the scheduler was made. */
  baseLrs: number[];
  #lastLr: number[] = [];

  protected constructor(readonly name: string, optimizer: Optimizer) {
    if (!(optimizer instanceof Optimizer)) throw new Error(`${name}: expected an optimizer, got ${String(optimizer)}`);
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((group) => group.lr);
  }

  /** The new learning rate of each group, for `lastEpoch` (already advanced). */
  protected abstract computeLr(): number[];

  /** PyTorch's `_initial_step`; subclasses call it at the end of their constructor, once their fields exist. */
  protected initialStep(): void {
    this.step();
  }

  /** Advances the schedule by one step (an epoch or a batch, as you use it) and sets the groups' lr. */
  step(): void {
    this.lastEpoch += 1;
    let lrs: number[];
    try {
      lrs = this.computeLr();
    } catch (error) {
      this.lastEpoch -= 1; // a refused step (past OneCycleLR's end) leaves the scheduler where it was
      throw error;
    }
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = lrs[i];
    });
    this.#lastLr = this.optimizer.paramGroups.map((group) => group.lr);
  }

  /** The learning rates the last `step()` set, one per group. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /** The scheduler's own settings for the state dict (subclasses add theirs). */
  protected settings(): Record<string, SchedulerStateValue> {
    return {};
  }

  /** Restores what `settings()` saved. */
  protected loadSettings(_state: Readonly<SchedulerStateDict>): void {}

  stateDict(): SchedulerStateDict {
    return { ...this.settings(), lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs], lastLr: [...this.#lastLr] };
  }

  /**
   * Restores a state saved by `stateDict()`. The groups' learning rates come back with the
   * optimizer's own `loadStateDict`, as in PyTorch.
   */
  loadStateDict(state: Readonly<SchedulerStateDict>): void {
    const groups = this.optimizer.paramGroups.length;
    if (!Number.isInteger(state.lastEpoch) || !Array.isArray(state.baseLrs) || !Array.isArray(state.lastLr)) {
      throw new Error(`${this.name}: loadStateDict: expected lastEpoch, baseLrs and lastLr`);
    }
    if (state.baseLrs.length !== groups || state.lastLr.length !== groups) {
      throw new Error(`${this.name}: loadStateDict: the state has ${state.baseLrs.length} learning rates, the optimizer ${groups} parameter groups`);
    }
    this.loadSettings(state);
    this.lastEpoch = state.lastEpoch;
    this.baseLrs = [...state.baseLrs];
    this.#lastLr = [...state.lastLr];
  }
}

/** Reads a number from a scheduler state dict, failing clearly when it is missing. */
export function stateNumber(owner: string, state: Readonly<SchedulerStateDict>, key: string): number {
  const value = state[key];
  if (typeof value !== 'number') throw new Error(`${owner}: loadStateDict: expected a number '${key}', got ${String(value)}`);
  return value;
}
