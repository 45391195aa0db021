/**
 * `@neurite/backend/wasm`: the small WebAssembly assembler Neurite's CPU kernels are written with,
 * for plugins that give a `wasm` kernel form too. Kernels are TypeScript that returns bytecode;
 * a backend adds them to a module over its own memory, so no compiler toolchain is involved.
 */
export {
  FunctionBuilder, Local, block, br, brIf, call, drop, f32, f32x4, f64, f64x2, forPointer, forRange, i32, i32x4, ifElse, ifThen, lanes, loop, returnValue, select, seq, v128,
} from './instructions.js';
export type { Code } from './instructions.js';
export { dotProductFunctions } from './dot-tiles.js';
export { FunctionIndex, encodeModule, signedLeb, unsignedLeb } from './module-builder.js';
export type { FunctionDefinition, MemoryImport, ValueType } from './module-builder.js';
