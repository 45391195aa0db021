import { describe, it } from 'vitest';
import type { ExtensionConformanceCase } from '@neurite/backend/conformance';
import { describePluginKernelConformance } from '@neurite/tensor/testing';
import { softplusOp } from './index.js';

/**
 * The plugin's kernels through the backend conformance kit: each backend under test runs its own
 * form (the queued backend the CPU function, WebGPU the WGSL) against the CPU form on the CPU.
 */
const cases: ExtensionConformanceCase[] = [
  { name: 'softplus', kernel: 'example.softplus', inputs: [{ shape: [3, 50], dtype: 'float32', values: 'normal' }], attributes: { beta: 1.5, threshold: 4 }, output: { shape: [3, 50], dtype: 'float32' } },
  { name: 'softplus over a few workgroups', kernel: 'example.softplus', inputs: [{ shape: [257, 9], dtype: 'float32', values: 'normal' }], attributes: { beta: 2, threshold: 20 }, output: { shape: [257, 9], dtype: 'float32' } },
];

describePluginKernelConformance({ describe, it }, { cases, prepare: (backend) => softplusOp.registerOn(backend) });
