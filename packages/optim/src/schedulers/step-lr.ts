import { checkPositiveInteger } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler, stateNumber, type SchedulerStateDict, type SchedulerStateValue } from './lr-scheduler.js';

export interface StepLROptions {
  /** Steps between decays. */
  stepSize: number;
  /** Factor applied every `stepSize` steps. Default 0.1. */
  gamma?: number;
}

/** Multiplies the learning rate by `gamma` every `stepSize` steps. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super('StepLR', optimizer);
    const { stepSize, gamma = 0.1 } = options;
    checkPositiveInteger('StepLR', 'stepSize', stepSize);
    checkFactor('StepLR', 'gamma', gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((group) => group.lr);
    return groups.map((group) => group.lr * this.gamma);
  }

  protected override settings(): Record<string, SchedulerStateValue> {
    return { stepSize: this.stepSize, gamma: this.gamma };
  }

  protected override loadSettings(state: Readonly<SchedulerStateDict>): void {
    this.stepSize = stateNumber(this.name, state, 'stepSize');
    this.gamma = stateNumber(this.name, state, 'gamma');
  }
}

/** A multiplicative factor: a finite number >= 0. */
export function checkFactor(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${owner}: invalid ${name} ${String(value)}; expected a number >= 0`);
}
