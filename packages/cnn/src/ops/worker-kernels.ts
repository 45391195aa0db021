/**
 * The module every thread of the worker backend imports for cnn's kernels (the `worker` form):
 * the CPU functions, with no runtime imports beyond this package's own files, so a worker loads
 * it alone. Built to dist/worker-kernels.js.
 */
export { im2colCpu, col2imCpu } from './im2col-cpu.js';
export { maxPoolIndicesCpu } from './max-pool-indices-cpu.js';
export { weightGradientCpu } from './weight-gradient-cpu.js';
