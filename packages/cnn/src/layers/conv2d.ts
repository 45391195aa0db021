import { zeros, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { conv2d, type Padding } from '../functional/conv2d.js';
import { pair, type Pair } from '../ops/window.js';
import { PLUGIN_NAME } from './plugin-name.js';

export interface Conv2dLayerOptions {
  readonly stride?: Pair;
  readonly padding?: Padding;
  readonly dilation?: Pair;
  readonly groups?: number;
  readonly bias?: boolean;
}

/** 2-D convolution with PyTorch's weight layout [out, in/groups, kh, kw] and default initialisation. */
export class Conv2d extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'Conv2d';
  static readonly plugin = PLUGIN_NAME;
  readonly weight: nn.Parameter;
  readonly bias: nn.Parameter | null;
  readonly kernelSize: [number, number];

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, readonly options: Conv2dLayerOptions = {}) {
    super();
    const groups = options.groups ?? 1;
    for (const [name, value] of [['inChannels', inChannels], ['outChannels', outChannels]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`Conv2d: ${name} must be a positive integer, got ${value}`);
    }
    if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new Error(`Conv2d: groups ${groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    }
    this.kernelSize = pair('Conv2d', 'kernelSize', kernelSize, 1);
    this.weight = new nn.Parameter(zeros([outChannels, inChannels / groups, ...this.kernelSize]));
    // PyTorch: kaiming_uniform(a = √5) for the weight, i.e. U(±1/√fanIn), and the same bound for the bias.
    nn.init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    const bound = 1 / Math.sqrt((inChannels / groups) * this.kernelSize[0] * this.kernelSize[1]);
    this.bias = options.bias === false ? null : (nn.init.uniform_(new nn.Parameter(zeros([outChannels])), -bound, bound) as nn.Parameter);
  }

  forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, this.options);
  }

  getConfig(): nn.LayerConfig {
    const { stride = 1, padding = 0, dilation = 1, groups = 1 } = this.options;
    return { inChannels: this.inChannels, outChannels: this.outChannels, kernelSize: [...this.kernelSize], stride: stride as nn.ConfigValue, padding: padding as nn.ConfigValue, dilation: dilation as nn.ConfigValue, groups, bias: this.bias !== null };
  }

  static fromConfig(config: nn.LayerConfig): Conv2d {
    return new Conv2d(config.inChannels as number, config.outChannels as number, config.kernelSize as [number, number], {
      stride: config.stride as Pair, padding: config.padding as Padding, dilation: config.dilation as Pair, groups: config.groups as number, bias: config.bias as boolean,
    });
  }

  protected override extraRepr(): string {
    const { stride = 1, padding = 0, groups = 1 } = this.options;
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize.join(', ')}), stride=${JSON.stringify(stride)}, padding=${JSON.stringify(padding)}${groups !== 1 ? `, groups=${groups}` : ''}${this.bias ? '' : ', bias=False'}`;
  }
}
