export { Optimizer } from './optimizer.js';
export type {
  OptimizerOptions, ParamGroup, ParamGroupInput, OptimizerParams, ParamState, OptionValue, SerializedParamGroup,
  OptimizerStateDict, ZeroGradOptions,
} from './optimizer.js';
export { setStateTensor, stateTensor } from './param-state.js';
export type { OptionContext } from './options.js';

export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Adam } from './adam.js';
export type { AdamOptions } from './adam.js';
export { AdamW } from './adamw.js';
export type { AdamWOptions } from './adamw.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';

export { optimizerStateToTensors, optimizerStateFromTensors } from './state.js';
export type { OptimizerTensors, OptimizerTensorsOptions } from './state.js';
export { clipGradNorm, clipGradValue } from './clip.js';
export type { ClipGradNormOptions } from './clip.js';

export { LRScheduler } from './schedulers/lr-scheduler.js';
export type { SchedulerStateDict, SchedulerStateValue } from './schedulers/lr-scheduler.js';
export { StepLR } from './schedulers/step-lr.js';
export type { StepLROptions } from './schedulers/step-lr.js';
export { ExponentialLR } from './schedulers/exponential-lr.js';
export type { ExponentialLROptions } from './schedulers/exponential-lr.js';
export { CosineAnnealingLR } from './schedulers/cosine-annealing-lr.js';
export type { CosineAnnealingLROptions } from './schedulers/cosine-annealing-lr.js';
export { LinearLR } from './schedulers/linear-lr.js';
export type { LinearLROptions } from './schedulers/linear-lr.js';
export { OneCycleLR } from './schedulers/one-cycle-lr.js';
export type { OneCycleLROptions } from './schedulers/one-cycle-lr.js';
