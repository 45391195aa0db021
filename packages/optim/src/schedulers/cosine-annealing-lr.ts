import { checkPositiveInteger } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler, stateNumber, type SchedulerStateDict, type SchedulerStateValue } from './lr-scheduler.js';

export interface CosineAnnealingLROptions {
  /** Steps in half a cosine period: the learning rate reaches `etaMin` after `tMax` steps. */
  tMax: number;
  /** The lowest learning rate. Default 0. */
  etaMin?: number;
}

/**
 * Anneals the learning rate from its initial value to `etaMin` along half a cosine over `tMax`
 * steps, and back up over the next `tMax` (SGDR without restarts). Computed recursively from the
 * current lr, as PyTorch does, so a group's lr changed by hand carries on along the curve.
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer);
    const { tMax, etaMin = 0 } = options;
    checkPositiveInteger('CosineAnnealingLR', 'tMax', tMax);
    if (typeof etaMin !== 'number' || !(etaMin >= 0)) throw new Error(`CosineAnnealingLR: invalid etaMin ${String(etaMin)}; expected a number >= 0`);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: epoch, tMax, etaMin } = this;
    const groups = this.optimizer.paramGroups;
    if (epoch === 0) return groups.map((group) => group.lr);
    if ((epoch - 1 - tMax) % (2 * tMax) === 0) {
      // At the bottom of the curve the ratio below would divide by zero; PyTorch steps up by the increment instead.
      return groups.map((group, i) => group.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    const ratio = (1 + Math.cos((Math.PI * epoch) / tMax)) / (1 + Math.cos((Math.PI * (epoch - 1)) / tMax));
    return groups.map((group) => ratio * (group.lr - etaMin) + etaMin);
  }

  protected override settings(): Record<string, SchedulerStateValue> {
    return { tMax: this.tMax, etaMin: this.etaMin };
  }

  protected override loadSettings(state: Readonly<SchedulerStateDict>): void {
    this.tMax = stateNumber(this.name, state, 'tMax');
    this.etaMin = stateNumber(this.name, state, 'etaMin');
  }
}
