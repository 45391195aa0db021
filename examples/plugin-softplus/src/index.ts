import type { NeuritePlugin } from '@neurite/nn';
import { Softplus } from './softplus-layer.js';

export { softplus, softplusOp, softplusDefinition, softplusCpu, softplusWorker, softplusWebGpu } from './softplus-op.js';
export type { SoftplusAttributes } from './softplus-op.js';
export { Softplus };

/** Pass to `nn.loadModel(bytes, { plugins: [softplusPlugin] })`. */
export const softplusPlugin: NeuritePlugin = { name: 'neurite-plugin-softplus', layers: [Softplus] };
