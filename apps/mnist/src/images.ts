import { inflateSync } from 'node:zlib';

/** A grayscale image with values in [0, 1]. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/** PGM, binary (P5) or text (P2), 8 or 16 bits. */
export function decodePgm(bytes: Uint8Array, name: string): GrayImage {
  const magic = String.fromCharCode(bytes[0], bytes[1]);
  if (magic !== 'P5' && magic !== 'P2') throw new Error(`${name}: not a PGM file (magic '${magic}', expected P5 or P2)`);
  // Header: magic, width, height, maxval as whitespace-separated tokens, '#' comments to end of line.
  let position = 2;
  const tokens: number[] = [];
  while (tokens.length < 3) {
    while (position < bytes.length && /\s/.test(String.fromCharCode(bytes[position]))) position++;
    if (bytes[position] === 0x23) {
      while (position < bytes.length && bytes[position] !== 0x0a) position++;
      continue;
    }
    const start = position;
    while (position < bytes.length && /\d/.test(String.fromCharCode(bytes[position]))) position++;
    if (start === position) throw new Error(`${name}: malformed PGM header`);
    tokens.push(Number(new TextDecoder().decode(bytes.subarray(start, position))));
  }
  const [width, height, maxValue] = tokens;
  if (maxValue <= 0 || maxValue > 65535) throw new Error(`${name}: PGM maxval ${maxValue} is out of range`);
  const count = width * height;
  const pixels = new Float32Array(count);
  if (magic === 'P2') {
    const values = new TextDecoder().decode(bytes.subarray(position)).replace(/#.*$/gm, '').trim().split(/\s+/).map(Number);
    if (values.length < count) throw new Error(`${name}: PGM has ${values.length} values, expected ${count}`);
    for (let i = 0; i < count; i++) pixels[i] = values[i] / maxValue;
  } else {
    position++; // the single whitespace byte after maxval
    const wide = maxValue > 255;
    if (bytes.length - position < count * (wide ? 2 : 1)) throw new Error(`${name}: PGM is truncated`);
    for (let i = 0; i < count; i++) pixels[i] = (wide ? (bytes[position + 2 * i] << 8) | bytes[position + 2 * i + 1] : bytes[position + i]) / maxValue;
  }
  return { width, height, pixels };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: 8-bit grayscale, gray+alpha, RGB or RGBA, non-interlaced; colour is averaged to gray. */
export function decodePng(bytes: Uint8Array, name: string): GrayImage {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error(`${name}: not a PNG file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const compressed: Uint8Array[] = [];
  for (let position = 8; position + 8 <= bytes.length; ) {
    const length = view.getUint32(position);
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    const data = bytes.subarray(position + 8, position + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(position + 8);
      height = view.getUint32(position + 12);
      const [bitDepth, colorType, , , interlace] = data.subarray(8, 13);
      channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[colorType] ?? 0;
      if (bitDepth !== 8 || channels === 0 || interlace !== 0) {
        throw new Error(`${name}: unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); use an 8-bit non-interlaced gray or RGB(A) PNG`);
      }
    } else if (type === 'IDAT') {
      compressed.push(data);
    } else if (type === 'IEND') {
      break;
    }
    position += 12 + length;
  }
  if (width === 0 || compressed.length === 0) throw new Error(`${name}: PNG has no image data`);
  const raw = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) unfilterRow(raw, y, stride, channels, rows);
  const pixels = new Float32Array(width * height);
  const colour = channels >= 3 ? 3 : 1;
  for (let i = 0; i < width * height; i++) {
    let sum = 0;
    for (let c = 0; c < colour; c++) sum += rows[i * channels + c];
    const alpha = channels === 2 || channels === 4 ? rows[i * channels + channels - 1] / 255 : 1;
    // Transparent pixels read as background (white paper), so a drawn digit on alpha works too.
    pixels[i] = (sum / colour / 255) * alpha + (1 - alpha);
  }
  return { width, height, pixels };
}

/** Undoes PNG's per-row filters (none, sub, up, average, Paeth). */
function unfilterRow(raw: Uint8Array, y: number, stride: number, bytesPerPixel: number, out: Uint8Array): void {
  const filter = raw[y * (stride + 1)];
  const source = y * (stride + 1) + 1;
  const row = y * stride;
  const previous = row - stride;
  for (let x = 0; x < stride; x++) {
    const left = x >= bytesPerPixel ? out[row + x - bytesPerPixel] : 0;
    const up = y > 0 ? out[previous + x] : 0;
    const upLeft = y > 0 && x >= bytesPerPixel ? out[previous + x - bytesPerPixel] : 0;
    let predictor = 0;
    if (filter === 1) predictor = left;
    else if (filter === 2) predictor = up;
    else if (filter === 3) predictor = (left + up) >> 1;
    else if (filter === 4) {
      const estimate = left + up - upLeft;
      const [da, db, dc] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      predictor = da <= db && da <= dc ? left : db <= dc ? up : upLeft;
    } else if (filter !== 0) throw new Error(`PNG: unknown filter type ${filter} in row ${y}`);
    out[row + x] = (raw[source + x] + predictor) & 0xff;
  }
}

/**
 * MNIST digits are light strokes on a black background. A photo or drawing is usually dark on
 * light: invert when the border is mostly bright.
 */
export function toMnistPixels(image: GrayImage, name: string): Float32Array {
  if (image.width !== 28 || image.height !== 28) throw new Error(`${name}: expected a 28x28 image of a digit, got ${image.width}x${image.height}`);
  let border = 0;
  let count = 0;
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (x === 0 || y === 0 || x === 27 || y === 27) { border += image.pixels[y * 28 + x]; count++; }
  return border / count > 0.5 ? image.pixels.map((v) => 1 - v) : image.pixels;
}
