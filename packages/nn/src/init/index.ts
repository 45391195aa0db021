export { uniform_, normal_, constant_, zeros_, ones_, xavierUniform_, xavierNormal_, kaimingUniform_, kaimingNormal_ } from './init.js';
export type { InitOptions, KaimingOptions } from './init.js';
export { calculateGain, fans } from './fan.js';
export type { Nonlinearity } from './fan.js';
