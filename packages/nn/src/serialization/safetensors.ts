import type { Tensor, TypedArray } from '@neurite/tensor';
import { tensor } from '@neurite/tensor';
import { STORED_DTYPES, WRITTEN_DTYPE } from './safetensors-dtypes.js';

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each
 * tensor name to { dtype, shape, data_offsets: [begin, end] } (offsets into the data that follows)
 * plus an optional "__metadata__" object of strings, then the data. Written as the reference
 * implementation writes it: header padded with spaces to a multiple of 8, tensors laid out
 * contiguously in order of decreasing alignment, then name.
 */

/** The reference implementation's limit; a larger header is refused before it is parsed. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export interface SafetensorsContents {
  readonly tensors: Record<string, Tensor>;
  readonly metadata: Record<string, string>;
}

function fail(message: string): never {
  throw new Error(`loadSafetensors: ${message}`);
}

/** Serialises tensors (and string metadata) to safetensors bytes. Async: reading values is. */
export async function saveSafetensors(tensors: Readonly<Record<string, Tensor>>, metadata: Readonly<Record<string, string>> = {}): Promise<Uint8Array> {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new Error(`saveSafetensors: metadata '${key}' must be a string, got ${typeof value}`);
  }
  const entries = Object.entries(tensors).sort(([nameA, a], [nameB, b]) => {
    const alignment = (t: Tensor) => (t.dtype === 'bool' ? 1 : 4);
    return alignment(b) - alignment(a) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
  });
  const values = await Promise.all(entries.map(([, t]) => t.data()));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = { ...metadata };
  let offset = 0;
  entries.forEach(([name, t], i) => {
    const length = values[i].byteLength;
    header[name] = { dtype: WRITTEN_DTYPE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + length] };
    offset += length;
  });
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + headerLength + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerLength), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength);
  let position = 8 + headerLength;
  for (const value of values) {
    bytes.set(toLittleEndianBytes(value), position);
    position += value.byteLength;
  }
  return bytes;
}

const platformIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toLittleEndianBytes(values: TypedArray): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (platformIsLittleEndian || values.BYTES_PER_ELEMENT === 1) return bytes;
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) for (let k = 0; k < 4; k++) swapped[i + k] = bytes[i + 3 - k];
  return swapped;
}

interface HeaderEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

function parseHeader(bytes: Uint8Array): { entries: HeaderEntry[]; metadata: Record<string, string>; dataStart: number } {
  if (bytes.length < 8) fail(`the file is ${bytes.length} bytes long, shorter than the 8-byte header length`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) fail(`the header length ${declared} exceeds the ${MAX_HEADER_BYTES}-byte limit (not a safetensors file?)`);
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) fail(`the file is truncated: the header claims ${headerLength} bytes but only ${bytes.length - 8} follow`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    fail(`the header is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) fail('the header is not a JSON object');
  const metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, info] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (info === null || typeof info !== 'object') fail('__metadata__ must be an object of strings');
      for (const [key, value] of Object.entries(info as Record<string, unknown>)) {
        if (typeof value !== 'string') fail(`__metadata__ '${key}' must be a string`);
        metadata[key] = value;
      }
      continue;
    }
    entries.push(parseEntry(name, info));
  }
  return { entries, metadata, dataStart: 8 + headerLength };
}

function parseEntry(name: string, info: unknown): HeaderEntry {
  const { dtype, shape, data_offsets: offsets } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof dtype !== 'string') fail(`tensor '${name}' has no dtype`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
    fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  return { name, dtype, shape: shape as number[], begin: offsets[0] as number, end: offsets[1] as number };
}

/** Checks that the tensors tile the data exactly: in bounds, sized by dtype and shape, no overlap, no gap. */
function checkLayout(entries: readonly HeaderEntry[], dataLength: number): void {
  for (const entry of entries) {
    const stored = STORED_DTYPES[entry.dtype];
    if (!stored) fail(`tensor '${entry.name}' has dtype '${entry.dtype}', which Neurite cannot load (supported: ${Object.keys(STORED_DTYPES).join(', ')})`);
    const expected = entry.shape.reduce((a, b) => a * b, 1) * stored.bytes;
    if (entry.end - entry.begin !== expected) {
      fail(`tensor '${entry.name}' (${entry.dtype}, shape [${entry.shape.join(', ')}]) needs ${expected} bytes but data_offsets [${entry.begin}, ${entry.end}] span ${entry.end - entry.begin}`);
    }
    if (entry.end > dataLength) fail(`the file is truncated: tensor '${entry.name}' ends at data byte ${entry.end} but the data has ${dataLength} bytes`);
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  let previous: HeaderEntry | undefined;
  for (const entry of sorted) {
    if (entry.begin < position) fail(`tensors '${previous!.name}' [${previous!.begin}, ${previous!.end}] and '${entry.name}' [${entry.begin}, ${entry.end}] overlap`);
    if (entry.begin > position) fail(`the data has a gap of ${entry.begin - position} bytes before tensor '${entry.name}'`);
    position = entry.end;
    previous = entry;
  }
  if (position !== dataLength) fail(`the data has ${dataLength - position} bytes after the last tensor`);
}

/** Parses safetensors bytes into tensors (converted to Neurite's dtypes) and the metadata strings. */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) throw new Error('loadSafetensors: expected the file contents as a Uint8Array');
  const { entries, metadata, dataStart } = parseHeader(bytes);
  checkLayout(entries, bytes.length - dataStart);
  const tensors: Record<string, Tensor> = {};
  for (const entry of entries) {
    const stored = STORED_DTYPES[entry.dtype];
    const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart + entry.begin, entry.end - entry.begin);
    const count = entry.shape.reduce((a, b) => a * b, 1);
    tensors[entry.name] = tensor(stored.decode(view, count, entry.name), entry.shape, stored.target);
  }
  return { tensors, metadata };
}

/** Parses safetensors bytes into tensors by name. */
export function loadSafetensors(bytes: Uint8Array): Record<string, Tensor> {
  return readSafetensors(bytes).tensors;
}
