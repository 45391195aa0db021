/**
 * A minimal WebAssembly binary writer: one imported memory, functions and their exports. Enough to
 * emit Neurite's kernels from TypeScript at load time, so the same source yields the variants an
 * engine can run (relaxed SIMD or not, shared memory or not) without a compiler toolchain.
 */

export type ValueType = 'i32' | 'f32' | 'f64' | 'v128';

export const VALUE_TYPE_CODES: Readonly<Record<ValueType, number>> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128. */
export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer. */
export function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function utf8(text: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(text));
  return [...unsignedLeb(bytes.length), ...bytes];
}

function vector(items: readonly number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function subsection(content: number[]): number[] {
  return [...unsignedLeb(content.length), ...content];
}

export interface FunctionDefinition {
  readonly name: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** Locals beyond the parameters, in index order after them. */
  readonly locals: readonly ValueType[];
  readonly body: readonly number[];
}

export interface MemoryImport {
  readonly initialPages: number;
  readonly maximumPages: number;
  readonly shared: boolean;
}

/** Encodes a module that imports `env.memory` and exports every function by its name. */
export function encodeModule(memory: MemoryImport, functions: readonly FunctionDefinition[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((fn) => [
    0x60,
    ...vector(fn.params.map((type) => [VALUE_TYPE_CODES[type]])),
    ...vector(fn.results.map((type) => [VALUE_TYPE_CODES[type]])),
  ]);
  const limits = memory.shared
    ? [0x03, ...unsignedLeb(memory.initialPages), ...unsignedLeb(memory.maximumPages)]
    : [0x01, ...unsignedLeb(memory.initialPages), ...unsignedLeb(memory.maximumPages)];
  const memoryImport = [...utf8('env'), ...utf8('memory'), 0x02, ...limits];
  const declarations = functions.map((_, index) => unsignedLeb(index));
  const exports = functions.map((fn, index) => [...utf8(fn.name), 0x00, ...unsignedLeb(index)]);
  const bodies = functions.map((fn) => {
    const localGroups = fn.locals.map((type) => [1, VALUE_TYPE_CODES[type]]);
    const code = [...vector(localGroups), ...fn.body, 0x0b];
    return [...unsignedLeb(code.length), ...code];
  });
  // The "name" custom section: profilers and stack traces show `sgemmMicroKernel`, not `wasm-function[3]`.
  const functionNames = [0x01, ...subsection(vector(functions.map((fn, index) => [...unsignedLeb(index), ...utf8(fn.name)])))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(declarations)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
    ...section(0, [...utf8('name'), ...functionNames]),
  ]);
}

/**
 * Names the module's functions by index before they are written, so that kernels can call each
 * other in any order; `order` then lines the definitions up with those indices.
 */
export class FunctionIndex {
  readonly #names: string[] = [];

  of(name: string): number {
    const found = this.#names.indexOf(name);
    if (found >= 0) return found;
    this.#names.push(name);
    return this.#names.length - 1;
  }

  order(definitions: readonly FunctionDefinition[]): FunctionDefinition[] {
    for (const definition of definitions) this.of(definition.name);
    return this.#names.map((name) => {
      const definition = definitions.find((candidate) => candidate.name === name);
      if (definition === undefined) throw new Error(`wasm: function '${name}' is called but never defined`);
      return definition;
    });
  }
}
