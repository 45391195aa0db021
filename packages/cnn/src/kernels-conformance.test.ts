import { describe, it } from 'vitest';
import { describePluginKernelConformance } from '@neurite/tensor/testing';
import { kernelCases, registerKernels } from './kernel-cases.js';

/**
 * This plugin's kernels through the backend conformance kit, as a plugin author runs them on every
 * backend under test, against the CPU reference: the queued test backend (the same CPU function
 * run from a queue), the worker pool and, where it runs, WebGPU (the WGSL form).
 */
describePluginKernelConformance({ describe, it }, { cases: kernelCases, prepare: registerKernels });
