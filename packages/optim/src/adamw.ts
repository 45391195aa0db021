import type { Tensor } from '@neurite/tensor';
import { Optimizer, type OptimizerParams, type ParamState } from './optimizer.js';
import { ADAM_DEFAULTS, adamUpdate, checkAdamOptions, type AdamOptions } from './adam.js';
import { definedOnly, type OptionContext } from './options.js';

/** AdamW's options are Adam's; only weightDecay's default (1e-2) and meaning (decoupled) differ. */
export type AdamWOptions = AdamOptions;

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter): the weights shrink by `lr * weightDecay`
 * each step instead of the decay being added to the gradient, so it is not rescaled by the second
 * moment.
 */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: OptimizerParams<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    super('AdamW', params, { ...ADAM_DEFAULTS, weightDecay: 1e-2, ...definedOnly(options) });
  }

  protected checkOptions(options: Readonly<AdamWOptions>, context: OptionContext): void {
    checkAdamOptions(options, context);
  }

  protected updateParameter(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<AdamWOptions>): void {
    adamUpdate(param, grad, state, group, true);
  }
}
