import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor, zeros, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import { loadSafetensors, readSafetensors, saveSafetensors } from './safetensors.js';

/** Builds a file from a header object and raw data, to make corrupt files on purpose. */
function file(header: unknown, data: Uint8Array = new Uint8Array(0), declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(declaredLength ?? json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

describeEachBackend({ describe, beforeAll, afterAll }, 'safetensors', () => {
  it('round-trips every dtype with metadata', async () => {
    const original: Record<string, Tensor> = {
      weight: tensor([[1.5, -2], [3.25, 4]]),
      counts: tensor([1, -2, 2147483647], [3], 'int32'),
      mask: tensor([true, false, true]),
      scalar: tensor(7),
      empty: zeros([0, 3]),
    };
    const bytes = await saveSafetensors(original, { note: 'hello' });
    const { tensors, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ note: 'hello' });
    for (const [name, t] of Object.entries(original)) {
      expect(tensors[name].shape).toEqual(t.shape);
      expect(tensors[name].dtype).toBe(t.dtype);
      expect(Array.from(await tensors[name].data())).toEqual(Array.from(await t.data()));
    }
  });

  it('writes the layout of the reference implementation', async () => {
    const bytes = await saveSafetensors({ b: tensor([1, 2]), a: tensor([true]), c: tensor([3]) });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    // Larger alignment first, then by name; offsets contiguous.
    expect(header).toEqual({
      b: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      c: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
      a: { dtype: 'BOOL', shape: [1], data_offsets: [12, 13] },
    });
    expect(bytes.length).toBe(8 + headerLength + 13);
  });

  it('refuses a truncated file, naming what is missing', async () => {
    const bytes = await saveSafetensors({ w: tensor([1, 2, 3, 4]) });
    expect(() => loadSafetensors(bytes.subarray(0, 5))).toThrow('loadSafetensors: the file is 5 bytes long, shorter than the 8-byte header length');
    expect(() => loadSafetensors(bytes.subarray(0, 20))).toThrow(/the file is truncated: the header claims \d+ bytes but only 12 follow/);
    expect(() => loadSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow("loadSafetensors: the file is truncated: tensor 'w' ends at data byte 16 but the data has 12 bytes");
  });
});

// Corrupt headers are refused while parsing, before any tensor is made: no backend is involved.
describe('safetensors header validation', () => {

  it('refuses a bad header', () => {
    expect(() => loadSafetensors(file('{"w": '))).toThrow(/the header is not valid UTF-8 JSON/);
    expect(() => loadSafetensors(file('[1, 2]'))).toThrow('the header is not a JSON object');
    expect(() => loadSafetensors(file({}, new Uint8Array(0), 2 ** 40))).toThrow(/exceeds the 104857600-byte limit/);
    expect(() => loadSafetensors(file({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)))).toThrow("tensor 'w' has an invalid shape [-1]");
    expect(() => loadSafetensors(file({ __metadata__: { n: 1 } }))).toThrow("__metadata__ 'n' must be a string");
  });

  it('refuses overlapping, gapped or mis-sized tensors', () => {
    const data = new Uint8Array(16);
    expect(() => loadSafetensors(file({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 12] }, b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } }, data)))
      .toThrow("loadSafetensors: tensors 'a' [0, 12] and 'b' [8, 16] overlap");
    expect(() => loadSafetensors(file({ a: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } }, data))).toThrow("the data has a gap of 8 bytes before tensor 'a'");
    expect(() => loadSafetensors(file({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 16] } }, data))).toThrow("tensor 'a' (F32, shape [3]) needs 12 bytes but data_offsets [0, 16] span 16");
    expect(() => loadSafetensors(file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, data))).toThrow('the data has 8 bytes after the last tensor');
  });

  it('refuses an unsupported dtype, listing the supported ones', () => {
    expect(() => loadSafetensors(file({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8))))
      .toThrow("tensor 'a' has dtype 'C64', which Neurite cannot load (supported: F32, F64, F16, BF16, I32, I16, I8, U8, I64, BOOL)");
  });
});
