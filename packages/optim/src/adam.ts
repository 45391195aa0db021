import { fusedUpdate, type Tensor } from '@neurite/tensor';
import { Optimizer, type OptimizerParams, type ParamState } from './optimizer.js';
import { setStateTensor, stateTensor } from './param-state.js';
import { checkBetas, checkBoolean, checkNonNegative, definedOnly, type OptionContext } from './options.js';

export interface AdamOptions {
  lr: number;
  /** Decay rates of the running averages of the gradient and of its square. */
  betas: readonly [number, number];
  /** Added to the denominator for numerical stability. */
  eps: number;
  /** L2 penalty added to the gradient (Adam) or decoupled decay of the weights (AdamW). */
  weightDecay: number;
  /** Normalize by the largest second moment seen so far (AMSGrad). */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/** Adam's defaults; AdamW's differ only in weightDecay. */
export const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

export function checkAdamOptions(options: Readonly<AdamOptions>, context: OptionContext): void {
  checkNonNegative(context, 'lr', options.lr);
  checkNonNegative(context, 'eps', options.eps);
  checkBetas(context, options.betas);
  checkNonNegative(context, 'weightDecay', options.weightDecay);
  checkBoolean(context, 'amsgrad', options.amsgrad);
  checkBoolean(context, 'maximize', options.maximize);
}

/**
 * One Adam or AdamW update of `param`, as PyTorch's single-tensor implementation. The step count is
 * a plain number, so the bias corrections are computed in JavaScript and nothing is read back. A
 * backend with a fused Adam kernel (WebGPU) runs it as one dispatch; others compose it from tensor
 * ops (`adamUpdateComposite`, the reference the fused kernel is tested against).
 */
export function adamUpdate(
  param: Tensor,
  grad: Tensor,
  state: ParamState,
  group: Readonly<AdamOptions>,
  decoupledWeightDecay: boolean,
): void {
  const { lr, betas: [beta1, beta2], eps, weightDecay, amsgrad, maximize } = group;
  const step = nextStep(state);
  const { stepSize, biasCorrection2Sqrt } = biasCorrections(group, step);
  const tensors = [param, grad, stateTensor(state, 'exp_avg', param), stateTensor(state, 'exp_avg_sq', param)];
  if (amsgrad) tensors.push(stateTensor(state, 'max_exp_avg_sq', param));
  const fused = fusedUpdate('adam', tensors, { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, amsgrad, maximize, stepSize, biasCorrection2Sqrt });
  if (!fused) {
    composeAdam(param, grad, state, group, decoupledWeightDecay, step);
    return;
  }
  const [weights, expAvg, expAvgSq, maxExpAvgSq] = fused;
  setStateTensor(state, 'exp_avg', expAvg);
  setStateTensor(state, 'exp_avg_sq', expAvgSq);
  if (maxExpAvgSq) setStateTensor(state, 'max_exp_avg_sq', maxExpAvgSq);
  param.assign(weights);
}

/** The same update from tensor ops alone, whatever the backend offers. */
export function adamUpdateComposite(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<AdamOptions>, decoupledWeightDecay: boolean): void {
  composeAdam(param, grad, state, group, decoupledWeightDecay, nextStep(state));
}

function nextStep(state: ParamState): number {
  const step = ((state.step as number | undefined) ?? 0) + 1;
  state.step = step;
  return step;
}

function biasCorrections({ lr, betas: [beta1, beta2] }: Readonly<AdamOptions>, step: number): { stepSize: number; biasCorrection2Sqrt: number } {
  return { stepSize: lr / (1 - beta1 ** step), biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step) };
}

function composeAdam(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<AdamOptions>, decoupledWeightDecay: boolean, step: number): void {
  const { lr, betas: [beta1, beta2], eps, weightDecay, amsgrad, maximize } = group;
  const expAvg = stateTensor(state, 'exp_avg', param);
  const expAvgSq = stateTensor(state, 'exp_avg_sq', param);

  let g = maximize ? grad.neg() : grad;
  let weights = param;
  if (decoupledWeightDecay) {
    // AdamW shrinks the weights directly instead of adding the decay to the gradient.
    if (weightDecay !== 0) weights = param.mul(1 - lr * weightDecay);
  } else if (weightDecay !== 0) {
    g = g.add(param.mul(weightDecay));
  }
  const m = setStateTensor(state, 'exp_avg', expAvg.mul(beta1).add(g.mul(1 - beta1)));
  const v = setStateTensor(state, 'exp_avg_sq', expAvgSq.mul(beta2).add(g.mul(g).mul(1 - beta2)));

  const { stepSize, biasCorrection2Sqrt } = biasCorrections(group, step);
  let second = v;
  if (amsgrad) {
    const previousMax = stateTensor(state, 'max_exp_avg_sq', param);
    second = setStateTensor(state, 'max_exp_avg_sq', previousMax.maximum(v));
  }
  const denominator = second.sqrt().div(biasCorrection2Sqrt).add(eps);
  param.assign(weights.sub(m.div(denominator).mul(stepSize)));
}

/** Adam (Kingma & Ba), with PyTorch's options: L2 weight decay, AMSGrad, maximize. */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: OptimizerParams<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super('Adam', params, { ...ADAM_DEFAULTS, ...definedOnly(options) });
  }

  protected checkOptions(options: Readonly<AdamOptions>, context: OptionContext): void {
    checkAdamOptions(options, context);
  }

  protected updateParameter(param: Tensor, grad: Tensor, state: ParamState, group: Readonly<AdamOptions>): void {
    adamUpdate(param, grad, state, group, false);
  }
}
