import { sizeOf, type DataId, type FusedUpdateAttributes, type FusedUpdateKernel, type FusedUpdateTable, type KernelInput } from '@neurite/backend';
import { grid, type KernelRuntime } from './kernel-runtime.js';
import { FLOAT_PRELUDE, GRID_BUILTINS, LINEAR_WORKGROUP, UniformWords, uniformDeclaration } from './wgsl-prelude.js';

/**
 * Adam/AdamW and SGD updates as one dispatch per parameter instead of ten to fifteen elementwise
 * ops. Each thread updates one element of the parameter and its state, with the same operations
 * in the same order as the optimizers' compositions (`adamUpdateComposite`, `sgdUpdateComposite`),
 * which the tests hold these kernels to. Options that change the shader (amsgrad, momentum,
 * nesterov, …) are in its key; numbers are uniforms.
 */

const GROUP = 64;

function header(inputs: readonly string[], outputs: readonly string[], words: number): string {
  const bindings = [
    ...inputs.map((name, i) => `@group(0) @binding(${i}) var<storage, read> ${name}: array<f32>;`),
    ...outputs.map((name, i) => `@group(0) @binding(${inputs.length + i}) var<storage, read_write> ${name}: array<f32>;`),
  ];
  return `${FLOAT_PRELUDE}
${uniformDeclaration(words, inputs.length + outputs.length)}
${bindings.join('\n')}`;
}

function adamSource(options: FusedUpdateAttributes['adam'], words: number): string {
  const inputs = ['param', 'grad', 'expAvg', 'expAvgSq', ...(options.amsgrad ? ['maxExpAvgSq'] : [])];
  const outputs = ['newParam', 'newExpAvg', 'newExpAvgSq', ...(options.amsgrad ? ['newMaxExpAvgSq'] : [])];
  const decay = options.weightDecay === 0 ? '' : options.decoupledWeightDecay ? 'weights = weights * uf(10u);' : 'g = g + weights * uf(5u);';
  return /* wgsl */ `${header(inputs, outputs, words)}
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let i = workgroup * ${GROUP}u + lid;
  if (i >= u(0u)) { return; }
  var g = ${options.maximize ? '-grad[i]' : 'grad[i]'};
  var weights = param[i];
  ${decay}
  let m = expAvg[i] * uf(2u) + g * uf(8u);
  let v = expAvgSq[i] * uf(3u) + (g * g) * uf(9u);
  newExpAvg[i] = m;
  newExpAvgSq[i] = v;
  var second = v;
  ${options.amsgrad ? 'second = maxF(maxExpAvgSq[i], v);\n  newMaxExpAvgSq[i] = second;' : ''}
  let denominator = divF(sqrtF(second), uf(7u)) + uf(4u);
  newParam[i] = weights - divF(m, denominator) * uf(6u);
}`;
}

function sgdSource(options: FusedUpdateAttributes['sgd'], hasBuffer: boolean, words: number): string {
  const inputs = ['param', 'grad', ...(hasBuffer ? ['buffer'] : [])];
  const outputs = ['newParam', ...(hasBuffer ? ['newBuffer'] : [])];
  const momentum = hasBuffer
    ? `let next = buffer[i] * uf(2u) + direction * uf(3u);
  newBuffer[i] = next;
  direction = ${options.nesterov ? 'direction + next * uf(2u)' : 'next'};`
    : '';
  return /* wgsl */ `${header(inputs, outputs, words)}
@compute @workgroup_size(${GROUP})
fn main(${GRID_BUILTINS}) {
  ${LINEAR_WORKGROUP}
  let i = workgroup * ${GROUP}u + lid;
  if (i >= u(0u)) { return; }
  var direction = ${options.maximize ? '-grad[i]' : 'grad[i]'};
  ${options.weightDecay === 0 ? '' : 'direction = direction + param[i] * uf(4u);'}
  ${momentum}
  newParam[i] = param[i] - direction * uf(1u);
}`;
}

function adamKernel(runtime: KernelRuntime): FusedUpdateKernel<FusedUpdateAttributes['adam']> {
  return (inputs: readonly KernelInput[], options): DataId[] | undefined => {
    // With AMSGrad the shader binds 9 storage buffers; a device that allows fewer composes it.
    if (2 * inputs.length - 1 > runtime.maxStorageBuffers) return undefined;
    const size = sizeOf(inputs[0].shape);
    const outputs = inputs.filter((_, index) => index !== 1).map(() => runtime.allocate(size, 'float32', 'adam'));
    if (size === 0) return outputs;
    // 1 - beta and 1 - lr·wd in double precision, rounded once, as the composition's scalars are.
    const uniform = new UniformWords()
      .u32(size)
      .f32(options.lr).f32(options.beta1).f32(options.beta2).f32(options.eps).f32(options.weightDecay).f32(options.stepSize).f32(options.biasCorrection2Sqrt)
      .f32(1 - options.beta1).f32(1 - options.beta2).f32(1 - options.lr * options.weightDecay)
      .finish();
    const variant = `${options.amsgrad}:${options.maximize}:${options.weightDecay === 0 ? 'none' : options.decoupledWeightDecay ? 'decoupled' : 'l2'}`;
    runtime.run(
      { key: `update:adam:${variant}`, label: 'adam', signature: { inputs: inputs.length, outputs: outputs.length, uniform: true }, source: () => adamSource(options, uniform.length) },
      [...inputs.map((input) => runtime.input(input, 'adam')), ...outputs],
      uniform,
      grid(Math.ceil(size / GROUP), runtime.maxWorkgroupsPerDimension),
    );
    return outputs;
  };
}

function sgdKernel(runtime: KernelRuntime): FusedUpdateKernel<FusedUpdateAttributes['sgd']> {
  return (inputs: readonly KernelInput[], options): DataId[] => {
    const size = sizeOf(inputs[0].shape);
    const hasBuffer = inputs.length === 3;
    const outputs = (hasBuffer ? [0, 1] : [0]).map(() => runtime.allocate(size, 'float32', 'sgd'));
    if (size === 0) return outputs;
    const uniform = new UniformWords().u32(size).f32(options.lr).f32(options.momentum).f32(1 - options.dampening).f32(options.weightDecay).finish();
    const variant = `${hasBuffer}:${options.nesterov}:${options.maximize}:${options.weightDecay !== 0}`;
    runtime.run(
      { key: `update:sgd:${variant}`, label: 'sgd', signature: { inputs: inputs.length, outputs: outputs.length, uniform: true }, source: () => sgdSource(options, hasBuffer, uniform.length) },
      [...inputs.map((input) => runtime.input(input, 'sgd')), ...outputs],
      uniform,
      grid(Math.ceil(size / GROUP), runtime.maxWorkgroupsPerDimension),
    );
    return outputs;
  };
}

export function createFusedUpdates(runtime: KernelRuntime): FusedUpdateTable {
  return { adam: adamKernel(runtime), sgd: sgdKernel(runtime) };
}
