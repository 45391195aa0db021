import { defineOp, type CustomOpDefinition, type Tensor, type WebGpuKernelSource, type WorkerKernelModule } from '@neurite/tensor';
import { softplusCpu, type SoftplusAttributes } from './softplus-cpu.js';

export { softplusCpu, type SoftplusAttributes };

/**
 * The worker form: where each worker thread imports the CPU function from. A worker cannot be sent
 * a function, only a module to load; '../dist/' finds the built file from dist/ and from src/ alike.
 */
export const softplusWorker: WorkerKernelModule = { specifier: new URL('../dist/softplus-cpu.js', import.meta.url).href, exportName: 'softplusCpu' };

const WORKGROUP = 64;

/**
 * The WebGPU form: WGSL plus its dispatch. Bindings: the input, the output, then the uniforms
 * (element count, beta, threshold). One shader serves every shape and attribute value, so one
 * pipeline is compiled.
 */
export const softplusWebGpu: WebGpuKernelSource<SoftplusAttributes> = {
  wgsl: () => `
struct Uniforms { size: u32, beta: f32, threshold: f32, pad: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= u.size) { return; }
  let scaled = u.beta * x[i];
  out[i] = select(log(1.0 + exp(scaled)) / u.beta, x[i], scaled > u.threshold);
}
`,
  cacheKey: () => 'example.softplus',
  workgroups: ({ output }) => [Math.ceil(output.shape.reduce((a, b) => a * b, 1) / WORKGROUP), 1, 1],
  uniforms: ({ output, attributes }) => {
    const data = new Float32Array(4);
    new Uint32Array(data.buffer)[0] = output.shape.reduce((a, b) => a * b, 1);
    data[1] = attributes.beta;
    data[2] = attributes.threshold;
    return data;
  },
};

/** The same function from tensor ops, for any backend whose kernel form this op does not give. */
function softplusComposite([x]: readonly Tensor[], { beta, threshold }: SoftplusAttributes): Tensor {
  const scaled = x.mul(beta);
  return scaled.exp().log1p().div(beta).where(scaled.le(threshold), x);
}

/** softplus(x) = log(1 + e^(βx)) / β: kernels as data, a composite and its own gradient. */
export const softplusDefinition: CustomOpDefinition<SoftplusAttributes> = {
  name: 'example.softplus',
  output([x], { beta, threshold }) {
    if (x.dtype !== 'float32') throw new Error(`softplus: expected a float32 tensor, got ${x.dtype}`);
    if (!(beta > 0) || !Number.isFinite(threshold)) throw new Error(`softplus: beta must be > 0 and threshold finite, got beta=${beta}, threshold=${threshold}`);
    return { shape: x.shape, dtype: 'float32' };
  },
  kernels: { cpu: softplusCpu, worker: softplusWorker, webgpu: softplusWebGpu },
  composite: softplusComposite,
  // d/dx softplus = sigmoid(βx), and exactly 1 where the function is linear.
  backward: ({ grad, inputs: [x], attributes: { beta, threshold } }) => {
    const slope = x.mul(beta).sigmoid().where(x.mul(beta).le(threshold), 1);
    return [grad.mul(slope)];
  },
};

/** The op: `softplusOp([x], { beta, threshold })`. */
export const softplusOp = defineOp(softplusDefinition);

export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return softplusOp([x], { beta, threshold });
}
