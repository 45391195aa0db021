import { checkPositiveInteger, checkSchedulerRange } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler, stateNumber, type SchedulerStateDict, type SchedulerStateValue } from './lr-scheduler.js';

export interface LinearLROptions {
  /** Factor on the initial lr at step 0. Default 1/3. */
  startFactor?: number;
  /** Factor reached after `totalIters` steps and kept after. Default 1. */
  endFactor?: number;
  /** Steps to go from `startFactor` to `endFactor`. Default 5. */
  totalIters?: number;
}

/**
 * Scales the learning rate linearly from `startFactor` to `endFactor` times its initial value over
 * `totalIters` steps: a warm-up when startFactor < endFactor. Recursive, as PyTorch.
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    super('LinearLR', optimizer);
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = options;
    // A start factor of 0 would make the recursive update divide by zero at step 1.
    checkSchedulerRange('LinearLR', 'startFactor', startFactor, 0, 1, true);
    checkSchedulerRange('LinearLR', 'endFactor', endFactor, 0, 1);
    checkPositiveInteger('LinearLR', 'totalIters', totalIters);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: epoch, startFactor, endFactor, totalIters } = this;
    const groups = this.optimizer.paramGroups;
    if (epoch === 0) return groups.map((group) => group.lr * startFactor);
    if (epoch > totalIters) return groups.map((group) => group.lr);
    const factor = 1 + (endFactor - startFactor) / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor));
    return groups.map((group) => group.lr * factor);
  }

  protected override settings(): Record<string, SchedulerStateValue> {
    return { startFactor: this.startFactor, endFactor: this.endFactor, totalIters: this.totalIters };
  }

  protected override loadSettings(state: Readonly<SchedulerStateDict>): void {
    this.startFactor = stateNumber(this.name, state, 'startFactor');
    this.endFactor = stateNumber(this.name, state, 'endFactor');
    this.totalIters = stateNumber(this.name, state, 'totalIters');
  }
}
