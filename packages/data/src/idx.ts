/**
 * The IDX format (what the MNIST files use): a big-endian magic number whose third byte is the
 * element type and fourth the number of dimensions, one big-endian uint32 per dimension, then the
 * elements in row-major order, big-endian.
 */

export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  /** The whole magic number: 2051 for MNIST images (uint8, 3 dimensions), 2049 for labels (uint8, 1). */
  readonly magic: number;
  readonly type: IdxType;
  readonly shape: readonly number[];
  /** The elements in row-major order, a copy in native byte order. */
  readonly data: IdxData;
}

const types: Readonly<Record<number, { type: IdxType; bytes: number }>> = {
  0x08: { type: 'uint8', bytes: 1 },
  0x09: { type: 'int8', bytes: 1 },
  0x0b: { type: 'int16', bytes: 2 },
  0x0c: { type: 'int32', bytes: 4 },
  0x0d: { type: 'float32', bytes: 4 },
  0x0e: { type: 'float64', bytes: 8 },
};

/** `2051 (0x00000803)`: both forms, since specs give the decimal and hex dumps show the bytes. */
export function formatMagic(magic: number): string {
  return `${magic} (0x${magic.toString(16).padStart(8, '0')})`;
}

/**
 * Parses an uncompressed IDX file. `fileName` names the file in errors, which say what was
 * expected and what was found: a wrong magic number, a truncated header, or a length that does not
 * match the shape (truncated, or with bytes left over).
 */
export function parseIdx(bytes: Uint8Array, fileName = 'IDX data'): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`parseIdx: ${fileName}: expected the file's bytes as a Uint8Array`);
  if (bytes.length < 4) throw new Error(`${fileName}: not an IDX file: it has ${bytes.length} bytes, fewer than the 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new Error(`${fileName}: not an IDX file: it starts with the gzip signature (1f 8b); decompress it first`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${fileName}: not an IDX file: the magic number ${formatMagic(magic)} should start with two zero bytes`);
  const element = types[bytes[2]];
  if (element === undefined) {
    throw new Error(`${fileName}: unknown IDX element type 0x${bytes[2].toString(16).padStart(2, '0')} in magic number ${formatMagic(magic)} (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)`);
  }
  const rank = bytes[3];
  if (rank === 0) throw new Error(`${fileName}: the magic number ${formatMagic(magic)} declares 0 dimensions; expected at least 1`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(`${fileName}: truncated IDX header: ${rank} dimensions need ${headerBytes} bytes, found ${bytes.length}`);
  }
  const shape: number[] = [];
  for (let axis = 0; axis < rank; axis++) shape.push(view.getUint32(4 + 4 * axis, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const dataBytes = count * element.bytes;
  const expected = headerBytes + dataBytes;
  if (bytes.length !== expected) {
    const what = `shape [${shape.join(', ')}] of ${element.type} needs ${expected} bytes (a ${headerBytes}-byte header + ${dataBytes} bytes of data), found ${bytes.length}`;
    throw new Error(bytes.length < expected ? `${fileName}: truncated: ${what}` : `${fileName}: ${bytes.length - expected} bytes too many: ${what}`);
  }
  return { magic, type: element.type, shape, data: readElements(view, headerBytes, count, element.type) };
}

function readElements(view: DataView, offset: number, count: number, type: IdxType): IdxData {
  // Single bytes have no byte order: copy them at once. Wider types are read big-endian one by one.
  switch (type) {
    case 'uint8':
      return new Uint8Array(view.buffer, view.byteOffset + offset, count).slice();
    case 'int8':
      return new Int8Array(view.buffer, view.byteOffset + offset, count).slice();
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i, false));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, false));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i, false));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i, false));
  }
}
