import { ones, zeros, noGrad, tidy, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { batchNorm } from '../functional/normalization.js';
import { PLUGIN_NAME } from './plugin-name.js';

export interface BatchNorm2dOptions {
  readonly eps?: number;
  /** How far running statistics move toward each batch's; null for a cumulative average. */
  readonly momentum?: number | null;
  readonly affine?: boolean;
  readonly trackRunningStats?: boolean;
}

/**
 * Batch normalisation of [N, C, H, W] with PyTorch's parameters and buffers: `weight`, `bias`,
 * `running_mean`, `running_var` and `num_batches_tracked` (int32 here; PyTorch's int64 loads into it).
 */
export class BatchNorm2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'BatchNorm2d';
  static readonly plugin = PLUGIN_NAME;
  readonly weight: nn.Parameter | null;
  readonly bias: nn.Parameter | null;
  readonly eps: number;
  readonly momentum: number | null;

  constructor(readonly numFeatures: number, readonly options: BatchNorm2dOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures <= 0) throw new Error(`BatchNorm2d: numFeatures must be a positive integer, got ${numFeatures}`);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const affine = options.affine ?? true;
    this.weight = affine ? new nn.Parameter(ones([numFeatures])) : null;
    this.bias = affine ? new nn.Parameter(zeros([numFeatures])) : null;
    if (options.trackRunningStats ?? true) {
      this.registerBuffer('running_mean', zeros([numFeatures]));
      this.registerBuffer('running_var', ones([numFeatures]));
      this.registerBuffer('num_batches_tracked', zeros([], 'int32'));
    }
  }

  get tracksRunningStats(): boolean {
    return this.options.trackRunningStats ?? true;
  }

  #buffer(name: string): Tensor | null {
    return this.namedBuffers().find(([key]) => key === name)?.[1] ?? null;
  }

  forward(input: Tensor): Tensor {
    if (input.rank !== 4 || input.shape[1] !== this.numFeatures) {
      throw new Error(`BatchNorm2d: expected input [N, ${this.numFeatures}, H, W], got [${input.shape.join(', ')}]`);
    }
    const useBatchStatistics = this.training || !this.tracksRunningStats;
    const runningMean = this.#buffer('running_mean');
    const runningVar = this.#buffer('running_var');
    const counter = this.#buffer('num_batches_tracked');
    const result = batchNorm(input, this.training ? runningMean : useBatchStatistics ? null : runningMean, runningVar, this.weight, this.bias, {
      training: useBatchStatistics,
      momentum: this.momentum,
      eps: this.eps,
      batchesTracked: counter,
    });
    if (result.runningMean && result.runningVar && counter) {
      this.setBuffer('running_mean', result.runningMean);
      this.setBuffer('running_var', result.runningVar);
      this.setBuffer('num_batches_tracked', noGrad(() => tidy(() => counter.add(1))));
    }
    return result.output;
  }

  getConfig(): nn.LayerConfig {
    return { numFeatures: this.numFeatures, eps: this.eps, momentum: this.momentum, affine: this.weight !== null, trackRunningStats: this.tracksRunningStats };
  }

  static fromConfig(config: nn.LayerConfig): BatchNorm2d {
    return new BatchNorm2d(config.numFeatures as number, { eps: config.eps as number, momentum: config.momentum as number | null, affine: config.affine as boolean, trackRunningStats: config.trackRunningStats as boolean });
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.weight !== null}, track_running_stats=${this.tracksRunningStats}`;
  }
}
