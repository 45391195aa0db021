import type { Optimizer } from '../optimizer.js';
import { LRScheduler, stateNumber, type SchedulerStateDict, type SchedulerStateValue } from './lr-scheduler.js';
import { checkFactor } from './step-lr.js';

export interface ExponentialLROptions {
  /** Factor applied every step. */
  gamma: number;
}

/** Multiplies the learning rate by `gamma` every step. */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer);
    checkFactor('ExponentialLR', 'gamma', options.gamma);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    return groups.map((group) => (this.lastEpoch === 0 ? group.lr : group.lr * this.gamma));
  }

  protected override settings(): Record<string, SchedulerStateValue> {
    return { gamma: this.gamma };
  }

  protected override loadSettings(state: Readonly<SchedulerStateDict>): void {
    this.gamma = stateNumber(this.name, state, 'gamma');
  }
}
