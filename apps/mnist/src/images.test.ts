import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { decodePgm, decodePng, toMnistPixels } from './images.js';

/** A real PNG file, made here: grayscale 8-bit, each row with a different filter type. */
function png(width: number, height: number, pixel: (x: number, y: number) => number): Uint8Array {
  const raw: number[] = [];
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) rows.push(Array.from({ length: width }, (_, x) => pixel(x, y)));
  rows.forEach((row, y) => {
    const filter = y % 5;
    raw.push(filter);
    row.forEach((value, x) => {
      const left = x > 0 ? row[x - 1] : 0;
      const up = y > 0 ? rows[y - 1][x] : 0;
      const upLeft = x > 0 && y > 0 ? rows[y - 1][x - 1] : 0;
      const estimate = left + up - upLeft;
      const paeth = Math.abs(estimate - left) <= Math.abs(estimate - up) && Math.abs(estimate - left) <= Math.abs(estimate - upLeft) ? left : Math.abs(estimate - up) <= Math.abs(estimate - upLeft) ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      raw.push((value - predictor) & 0xff);
    });
  });
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    new DataView(out.buffer).setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    return out; // the decoder does not check CRCs, so they stay zero
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Uint8Array.from(raw))), chunk('IEND', new Uint8Array(0))];
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('image decoding', () => {
  it('decodes a PNG through all five row filters', () => {
    const image = decodePng(png(28, 28, (x, y) => (x * 9 + y * 5) % 256), 'digit.png');
    expect([image.width, image.height]).toEqual([28, 28]);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) expect(image.pixels[y * 28 + x]).toBeCloseTo(((x * 9 + y * 5) % 256) / 255, 6);
  });

  it('decodes binary and text PGM', () => {
    const binary = new Uint8Array([...new TextEncoder().encode('P5\n# a comment\n2 1\n255\n'), 0, 255]);
    expect(Array.from(decodePgm(binary, 'a.pgm').pixels)).toEqual([0, 1]);
    expect(Array.from(decodePgm(new TextEncoder().encode('P2 2 1 4 1 2'), 'b.pgm').pixels)).toEqual([0.25, 0.5]);
    expect(() => decodePgm(new TextEncoder().encode('P6 1 1 255'), 'c.ppm')).toThrow("c.ppm: not a PGM file (magic 'P6', expected P5 or P2)");
  });

  it('inverts dark-on-light drawings to MNIST’s light-on-dark, and insists on 28x28', () => {
    const paper = decodePng(png(28, 28, (x) => (x === 14 ? 0 : 255)), 'drawn.png');
    const pixels = toMnistPixels(paper, 'drawn.png');
    expect(pixels[14]).toBeCloseTo(1);
    expect(pixels[0]).toBeCloseTo(0);
    expect(() => toMnistPixels(decodePng(png(8, 8, () => 0), 'small.png'), 'small.png')).toThrow('small.png: expected a 28x28 image of a digit, got 8x8');
  });
});
