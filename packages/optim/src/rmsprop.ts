import type { Tensor } from '@neurite/tensor';
import { Optimizer, type OptimizerParams, type ParamState } from './optimizer.js';
import { setStateTensor, stateTensor } from './param-state.js';
import { checkBoolean, checkNonNegative, definedOnly, type OptionContext } from './options.js';

export interface RMSpropOptions {
  lr: number;
  /** Decay rate of the running average of the squared gradient. */
  alpha: number;
  /** Added to the denominator for numerical stability. */
  eps: number;
  /** L2 penalty added to the gradient. */
  weightDecay: number;
  /** Momentum factor on the normalized step. */
  momentum: number;
  /** Normalize by the estimated variance (square average minus squared mean) instead of the raw second moment. */
  centered: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

const RMSPROP_DEFAULTS: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/** RMSprop (Hinton), as PyTorch: eps is added after the square root. */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: OptimizerParams<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super('RMSprop', params, { ...RMSPROP_DEFAULTS, ...definedOnly(options) });
  }

  protected checkOptions(options: Readonly<RMSpropOptions>, context: OptionContext): void {
    checkNonNegative(context, 'lr', options.lr);
    checkNonNegative(context, 'alpha', options.alpha);
    checkNonNegative(context, 'eps', options.eps);
    checkNonNegative(context, 'weightDecay', options.weightDecay);
    checkNonNegative(context, 'momentum', options.momentum);
    checkBoolean(context, 'centered', options.centered);
    checkBoolean(context, 'maximize', options.maximize);
  }

  protected updateParameter(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    state.step = ((state.step as number | undefined) ?? 0) + 1;
    let g = maximize ? grad.neg() : grad;
    if (weightDecay !== 0) g = g.add(param.mul(weightDecay));

    const previousSquareAvg = stateTensor(state, 'square_avg', param);
    const squareAvg = setStateTensor(state, 'square_avg', previousSquareAvg.mul(alpha).add(g.mul(g).mul(1 - alpha)));
    let avg: Tensor;
    if (centered) {
      const previousGradAvg = stateTensor(state, 'grad_avg', param);
      const gradAvg = setStateTensor(state, 'grad_avg', previousGradAvg.mul(alpha).add(g.mul(1 - alpha)));
      avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
    } else {
      avg = squareAvg.sqrt();
    }
    avg = avg.add(eps);

    if (momentum > 0) {
      // Made on first use, so momentum may be switched on later (OneCycleLR cycles it).
      const previousBuffer = stateTensor(state, 'momentum_buffer', param);
      const buffer = setStateTensor(state, 'momentum_buffer', previousBuffer.mul(momentum).add(g.div(avg)));
      param.assign(param.sub(buffer.mul(lr)));
    } else {
      param.assign(param.sub(g.div(avg).mul(lr)));
    }
  }
}
