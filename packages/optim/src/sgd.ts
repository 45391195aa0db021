import { fusedUpdate, type Tensor } from '@neurite/tensor';
import { Optimizer, type OptimizerParams, type ParamState } from './optimizer.js';
import { setStateTensor } from './param-state.js';
import { checkBoolean, checkInClosedRange, checkNonNegative, definedOnly, type OptionContext } from './options.js';

export interface SGDOptions {
  lr: number;
  /** Momentum factor; 0 (the default) is plain gradient descent. */
  momentum: number;
  /** How much of each new gradient the momentum buffer leaves out (PyTorch's dampening). */
  dampening: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** L2 penalty added to the gradient. */
  weightDecay: number;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

const SGD_DEFAULTS: Omit<SGDOptions, 'lr'> = { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };

/**
 * Stochastic gradient descent, with PyTorch's momentum: the first step copies the gradient into the
 * buffer, later steps take `buf = momentum * buf + (1 - dampening) * grad`.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: OptimizerParams<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    super('SGD', params, { ...SGD_DEFAULTS, ...definedOnly(options) });
  }

  protected checkOptions(options: Readonly<SGDOptions>, context: OptionContext): void {
    checkNonNegative(context, 'lr', options.lr);
    checkNonNegative(context, 'momentum', options.momentum);
    checkInClosedRange(context, 'dampening', options.dampening, 0, 1);
    checkNonNegative(context, 'weightDecay', options.weightDecay);
    checkBoolean(context, 'nesterov', options.nesterov);
    checkBoolean(context, 'maximize', options.maximize);
    if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
      throw new Error(`${context.optimizer}: nesterov needs momentum > 0 and dampening 0 (got momentum ${options.momentum}, dampening ${options.dampening}) in ${context.where}`);
    }
  }

  protected updateParameter(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<SGDOptions>): void {
    sgdUpdate(param, grad, state, group);
  }
}

/**
 * One SGD update of `param`: as one dispatch on a backend with a fused SGD kernel (WebGPU),
 * otherwise composed from tensor ops (`sgdUpdateComposite`, the fused kernel's reference).
 */
export function sgdUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<SGDOptions>): void {
  const buffer = state.momentum_buffer as Tensor | undefined;
  // The first step with momentum copies the gradient into the buffer: the composition makes it.
  const fused = group.momentum !== 0 && buffer === undefined ? null : fusedUpdate('sgd', buffer ? [param, grad, buffer] : [param, grad], group);
  if (!fused) {
    sgdUpdateComposite(param, grad, state, group);
    return;
  }
  if (fused[1]) setStateTensor(state, 'momentum_buffer', fused[1]);
  param.assign(fused[0]);
}

/** The same update from tensor ops alone, whatever the backend offers. */
export function sgdUpdateComposite(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<SGDOptions>): void {
  const { lr, momentum, dampening, nesterov, weightDecay, maximize } = group;
  let direction = maximize ? grad.neg() : grad;
  if (weightDecay !== 0) direction = direction.add(param.mul(weightDecay));
  if (momentum !== 0) {
    const previous = state.momentum_buffer;
    const buffer = setStateTensor(state, 'momentum_buffer', previous === undefined ? direction : (previous as Tensor).mul(momentum).add(direction.mul(1 - dampening)));
    direction = nesterov ? direction.add(buffer.mul(momentum)) : buffer;
  }
  param.assign(param.sub(direction.mul(lr)));
}
