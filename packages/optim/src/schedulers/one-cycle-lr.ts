import { checkPositiveInteger, checkSchedulerRange } from '../options.js';
import type { Optimizer, ParamGroup, OptimizerOptions } from '../optimizer.js';
import { LRScheduler, type SchedulerStateDict, type SchedulerStateValue } from './lr-scheduler.js';

export interface OneCycleLROptions {
  /** Peak learning rate, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the learning rate. Default 0.3. */
  pctStart?: number;
  /** Shape of the curves. Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's beta1) inversely to the learning rate. Default true, as PyTorch. */
  cycleMomentum?: boolean;
  /** Momentum at the learning-rate peak. Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the start and end. Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** The initial lr is maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** The final lr is the initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, down to the initial lr, annihilation) instead of two. Default false. */
  threePhase?: boolean;
}

type Anchor = 'initial' | 'max' | 'min';
interface Phase { endStep: number; startLr: Anchor; endLr: Anchor; startMomentum: 'base' | 'max'; endMomentum: 'base' | 'max' }

/** The groups' momentum as OneCycleLR sees it: SGD's and RMSprop's `momentum`, or Adam's `betas[0]`. */
type MomentumGroup = ParamGroup<OptimizerOptions> & { momentum?: number; betas?: readonly [number, number] };

const annealers = {
  cos: (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1),
  linear: (start: number, end: number, pct: number) => (end - start) * pct + start,
};

/**
 * The 1cycle policy (Smith & Topin): the learning rate rises from maxLr / divFactor to maxLr, then
 * falls far below the start, while momentum moves the other way. Closed-form per step, as PyTorch.
 * Step it once per batch; stepping past `totalSteps` is an error.
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  threePhase: boolean;
  pctStart: number;
  /** Per group: the starting, peak and final learning rates, and the momentum range. */
  initialLrs: number[];
  maxLrs: number[];
  minLrs: number[];
  baseMomentums: number[];
  maxMomentums: number[];
  readonly #useBeta1: boolean;

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    super('OneCycleLR', optimizer);
    const { pctStart = 0.3, annealStrategy = 'cos', cycleMomentum = true, divFactor = 25, finalDivFactor = 1e4, threePhase = false } = options;
    this.totalSteps = resolveTotalSteps(options);
    checkSchedulerRange('OneCycleLR', 'pctStart', pctStart, 0, 1);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') throw new Error(`OneCycleLR: invalid annealStrategy '${String(annealStrategy)}'; expected 'cos' or 'linear'`);
    checkSchedulerRange('OneCycleLR', 'divFactor', divFactor, 0, Infinity, true);
    checkSchedulerRange('OneCycleLR', 'finalDivFactor', finalDivFactor, 0, Infinity, true);
    this.pctStart = pctStart;
    this.annealStrategy = annealStrategy;
    this.threePhase = threePhase;
    this.cycleMomentum = cycleMomentum;

    this.maxLrs = this.perGroup('maxLr', options.maxLr);
    this.initialLrs = this.maxLrs.map((maxLr) => maxLr / divFactor);
    this.minLrs = this.initialLrs.map((initialLr) => initialLr / finalDivFactor);
    this.baseLrs = [...this.initialLrs];
    this.maxMomentums = this.perGroup('maxMomentum', options.maxMomentum ?? 0.95);
    this.baseMomentums = this.perGroup('baseMomentum', options.baseMomentum ?? 0.85);
    this.#useBeta1 = 'betas' in optimizer.defaults;
    if (cycleMomentum) {
      if (!this.#useBeta1 && !('momentum' in optimizer.defaults)) {
        throw new Error(`OneCycleLR: cycleMomentum needs an optimizer with momentum or betas, and ${optimizer.name} has neither; pass cycleMomentum: false`);
      }
      this.setMomentum(this.maxMomentums);
    }
    this.initialStep();
  }

  private perGroup(name: string, value: number | readonly number[]): number[] {
    const groups = this.optimizer.paramGroups.length;
    const values = typeof value === 'number' ? new Array<number>(groups).fill(value) : [...value];
    if (values.length !== groups) throw new Error(`OneCycleLR: expected ${groups} values for ${name} (one per parameter group), got ${values.length}`);
    for (const item of values) if (typeof item !== 'number' || !(item >= 0)) throw new Error(`OneCycleLR: invalid ${name} ${String(item)}; expected a number >= 0`);
    return values;
  }

  private setMomentum(values: readonly number[]): void {
    this.optimizer.paramGroups.forEach((plain, i) => {
      const group = plain as MomentumGroup;
      if (this.#useBeta1) group.betas = [values[i], group.betas![1]];
      else group.momentum = values[i];
    });
  }

  private phases(): Phase[] {
    const total = this.totalSteps;
    if (this.threePhase) {
      return [
        { endStep: this.pctStart * total - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
        { endStep: 2 * this.pctStart * total - 2, startLr: 'max', endLr: 'initial', startMomentum: 'base', endMomentum: 'max' },
        { endStep: total - 1, startLr: 'initial', endLr: 'min', startMomentum: 'max', endMomentum: 'max' },
      ];
    }
    return [
      { endStep: this.pctStart * total - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
      { endStep: total - 1, startLr: 'max', endLr: 'min', startMomentum: 'base', endMomentum: 'max' },
    ];
  }

  protected computeLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) throw new Error(`OneCycleLR: tried to step ${step + 1} times; totalSteps is ${this.totalSteps}`);
    const anneal = annealers[this.annealStrategy];
    const phases = this.phases();
    const lrs: Record<Anchor, number[]> = { initial: this.initialLrs, max: this.maxLrs, min: this.minLrs };
    const momentums = { base: this.baseMomentums, max: this.maxMomentums };
    const newLrs: number[] = [];
    const newMomentums: number[] = [];
    for (let i = 0; i < this.optimizer.paramGroups.length; i++) {
      let startStep = 0;
      for (const [p, phase] of phases.entries()) {
        if (step <= phase.endStep || p === phases.length - 1) {
          const pct = (step - startStep) / (phase.endStep - startStep);
          newLrs.push(anneal(lrs[phase.startLr][i], lrs[phase.endLr][i], pct));
          newMomentums.push(anneal(momentums[phase.startMomentum][i], momentums[phase.endMomentum][i], pct));
          break;
        }
        startStep = phase.endStep;
      }
    }
    if (this.cycleMomentum) this.setMomentum(newMomentums);
    return newLrs;
  }

  protected override settings(): Record<string, SchedulerStateValue> {
    return {
      totalSteps: this.totalSteps, annealStrategy: this.annealStrategy, cycleMomentum: this.cycleMomentum, threePhase: this.threePhase,
      pctStart: this.pctStart, initialLrs: [...this.initialLrs], maxLrs: [...this.maxLrs], minLrs: [...this.minLrs],
      baseMomentums: [...this.baseMomentums], maxMomentums: [...this.maxMomentums],
    };
  }

  protected override loadSettings(state: Readonly<SchedulerStateDict>): void {
    const numbers = (key: string): number[] => {
      const value = state[key];
      if (!Array.isArray(value) || value.length !== this.optimizer.paramGroups.length) throw new Error(`OneCycleLR: loadStateDict: expected '${key}' with one number per group`);
      return [...value];
    };
    const { totalSteps, annealStrategy, cycleMomentum, threePhase, pctStart } = state;
    if (typeof totalSteps !== 'number' || typeof pctStart !== 'number' || typeof cycleMomentum !== 'boolean' || typeof threePhase !== 'boolean' || (annealStrategy !== 'cos' && annealStrategy !== 'linear')) {
      throw new Error('OneCycleLR: loadStateDict: expected totalSteps, pctStart, annealStrategy, cycleMomentum and threePhase');
    }
    this.totalSteps = totalSteps;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.threePhase = threePhase;
    this.pctStart = pctStart;
    this.initialLrs = numbers('initialLrs');
    this.maxLrs = numbers('maxLrs');
    this.minLrs = numbers('minLrs');
    this.baseMomentums = numbers('baseMomentums');
    this.maxMomentums = numbers('maxMomentums');
  }
}

function resolveTotalSteps(options: OneCycleLROptions): number {
  const { totalSteps, epochs, stepsPerEpoch } = options;
  if (totalSteps !== undefined) {
    checkPositiveInteger('OneCycleLR', 'totalSteps', totalSteps);
    return totalSteps;
  }
  if (epochs === undefined || stepsPerEpoch === undefined) throw new Error('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
  checkPositiveInteger('OneCycleLR', 'epochs', epochs);
  checkPositiveInteger('OneCycleLR', 'stepsPerEpoch', stepsPerEpoch);
  return epochs * stepsPerEpoch;
}
