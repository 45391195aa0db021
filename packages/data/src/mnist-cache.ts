import type { MnistArrays } from './mnist-arrays.js';

/**
 * The binary cache of the decoded embedded digits. Parsing 21 MB of JSON takes far longer than
 * reading 31 MB of float32, so Node keeps the decoded pixels on disk. Layout, header fields in
 * native byte order:
 *
 *   offset  0  "NRTMNIST" (8 ASCII bytes)
 *   offset  8  uint32 format version
 *   offset 12  uint32 0x01020304 (the byte-order check)
 *   offset 16  uint32 image count N
 *   offset 20  uint32 pixels per image (784)
 *   offset 24  uint32 source signature (package version and file sizes)
 *   offset 28  uint32 checksum of everything after the header
 *   offset 32  N * 784 float32 pixels, then N uint8 labels
 *
 * A file that fails any check (wrong size, version, byte order, source or checksum) is never
 * trusted: the caller rebuilds it from the JSON.
 */
const magic = 'NRTMNIST';
const formatVersion = 1;
const headerBytes = 32;
const imageSize = 28 * 28;

/** A 32-bit hash; each step is a bijection of (state ^ word), so any single changed word changes the result. */
export function hashWords(words: Uint32Array | Uint8Array, state = 0x811c9dc5): number {
  let hash = state;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193);
  return hash >>> 0;
}

/** A signature of the source files (package version and file sizes), so a changed package invalidates the cache. */
export function sourceSignature(description: string): number {
  return hashWords(new TextEncoder().encode(description));
}

function payloadChecksum(bytes: Uint8Array, pixelBytes: number): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + headerBytes, pixelBytes / 4);
  return hashWords(bytes.subarray(headerBytes + pixelBytes), hashWords(words));
}

export function encodeCache(arrays: MnistArrays, signature: number): Uint8Array {
  const pixelBytes = arrays.pixels.length * 4;
  const bytes = new Uint8Array(headerBytes + pixelBytes + arrays.count);
  const header = new Uint32Array(bytes.buffer, 0, headerBytes / 4);
  bytes.set(new TextEncoder().encode(magic), 0);
  header.set([formatVersion, 0x01020304, arrays.count, imageSize, signature], 2);
  new Float32Array(bytes.buffer, headerBytes, arrays.pixels.length).set(arrays.pixels);
  bytes.set(arrays.labels, headerBytes + pixelBytes);
  header[7] = payloadChecksum(bytes, pixelBytes);
  return bytes;
}

/** The arrays in a cache file (views into `bytes`), or why it cannot be used. */
export function decodeCache(bytes: Uint8Array, signature: number): MnistArrays | { invalid: string } {
  if (bytes.length < headerBytes) return { invalid: `${bytes.length} bytes is shorter than the header` };
  // Typed-array views need 4-byte alignment; Node's large reads are aligned, small pooled ones may not be.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const header = new Uint32Array(aligned.buffer, aligned.byteOffset, headerBytes / 4);
  if (new TextDecoder().decode(aligned.subarray(0, 8)) !== magic) return { invalid: 'not a Neurite MNIST cache' };
  if (header[2] !== formatVersion) return { invalid: `format version ${header[2]}, expected ${formatVersion}` };
  if (header[3] !== 0x01020304) return { invalid: 'written on a machine of the other byte order' };
  const [count, pixelsPerImage, fileSignature, checksum] = [header[4], header[5], header[6], header[7]];
  if (pixelsPerImage !== imageSize) return { invalid: `${pixelsPerImage} pixels per image, expected ${imageSize}` };
  if (fileSignature !== signature) return { invalid: 'made from other source files' };
  const pixelBytes = count * imageSize * 4;
  if (count === 0 || aligned.length !== headerBytes + pixelBytes + count) {
    return { invalid: `${aligned.length} bytes, expected ${headerBytes + pixelBytes + count} for ${count} images` };
  }
  if (payloadChecksum(aligned, pixelBytes) !== checksum) return { invalid: 'checksum mismatch' };
  return {
    count,
    rows: 28,
    cols: 28,
    pixels: new Float32Array(aligned.buffer, aligned.byteOffset + headerBytes, count * imageSize),
    labels: aligned.subarray(headerBytes + pixelBytes),
  };
}
