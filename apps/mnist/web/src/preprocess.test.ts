import { describe, expect, it } from 'vitest';
import { greyFromRgba, preprocessDrawing, type GreyImage } from './preprocess.js';

/** A blank canvas to draw on. */
function canvas(width: number, height: number): GreyImage {
  return { width, height, pixels: new Float32Array(width * height) };
}

/** Inks every pixel whose centre is within `radius` of the segment (ax, ay)–(bx, by): a round-capped pen stroke. */
function line(image: GreyImage, ax: number, ay: number, bx: number, by: number, radius: number): GreyImage {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq));
      if (Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= radius) image.pixels[y * image.width + x] = 1;
    }
  }
  return image;
}

/** Inks a ring of pen width 2·halfWidth around (cx, cy): an "0". */
function ring(image: GreyImage, cx: number, cy: number, rx: number, ry: number, halfWidth: number): GreyImage {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      // Distance to an ellipse, approximated by scaling the normalised radius back to pixels.
      const nx = (x + 0.5 - cx) / rx;
      const ny = (y + 0.5 - cy) / ry;
      const r = Math.hypot(nx, ny);
      const scale = Math.hypot(nx * rx, ny * ry) / Math.max(r, 1e-9);
      if (Math.abs(r - 1) * scale <= halfWidth) image.pixels[y * image.width + x] = 1;
    }
  }
  return image;
}

/** A "7" whose top-left corner is at (x, y), `size` px tall, with a pen of radius `pen`. */
function seven(image: GreyImage, x: number, y: number, size: number, pen: number): GreyImage {
  line(image, x, y, x + 0.7 * size, y, pen);
  return line(image, x + 0.7 * size, y, x + 0.25 * size, y + size, pen);
}

/** Centre of mass with pixel centres at i + 0.5, the module's convention. */
function centreOfMass(field: Float32Array): [number, number] {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < field.length; i++) {
    mass += field[i];
    sx += field[i] * ((i % 28) + 0.5);
    sy += field[i] * (Math.floor(i / 28) + 0.5);
  }
  return [sx / mass, sy / mass];
}

/** The bounding box of the output's ink (any value above 0.05), inclusive-exclusive. */
function inkBox(field: Float32Array): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = 28;
  let y0 = 28;
  let x1 = 0;
  let y1 = 0;
  field.forEach((v, i) => {
    if (v <= 0.05) return;
    x0 = Math.min(x0, i % 28);
    y0 = Math.min(y0, Math.floor(i / 28));
    x1 = Math.max(x1, (i % 28) + 1);
    y1 = Math.max(y1, Math.floor(i / 28) + 1);
  });
  return { x0, y0, x1, y1 };
}

function correlation(a: Float32Array, b: Float32Array): number {
  const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Runs preprocessDrawing and fails the test if it found no ink. */
function prepared(image: GreyImage): Float32Array {
  const out = preprocessDrawing(image);
  if (out === null) throw new Error('expected ink, got null');
  return out;
}

describe('preprocessDrawing', () => {
  it('turns a thin vertical line on a 280×280 canvas into a narrow stroke 20 rows tall, centred', () => {
    const out = prepared(line(canvas(280, 280), 140, 40, 140, 240, 2));
    expect(out).toHaveLength(784);
    const box = inkBox(out);
    expect(box.y1 - box.y0).toBe(20);
    expect(box.x1 - box.x0).toBeLessThanOrEqual(2);
    const [cx, cy] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    // Renormalised: the stroke is saturated, not the faint grey that averaging a 4-px pen down 10× gives.
    expect(Math.max(...out)).toBe(1);
  });

  it('keeps a 1-px line drawn on a large canvas (area averaging, not nearest neighbour)', () => {
    const image = canvas(280, 280);
    for (let y = 50; y < 250; y++) image.pixels[y * 280 + 137] = 1;
    const out = prepared(image);
    expect(inkBox(out).y1 - inkBox(out).y0).toBe(20);
    expect(inkBox(out).x1 - inkBox(out).x0).toBe(1);
  });

  it('turns a ring ("0") into a 20-px-tall centred loop with a hole', () => {
    const out = prepared(ring(canvas(280, 280), 150, 130, 60, 90, 8));
    const box = inkBox(out);
    expect(box.y1 - box.y0).toBe(20);
    expect(box.x1 - box.x0).toBeGreaterThanOrEqual(12);
    expect(box.x1 - box.x0).toBeLessThanOrEqual(15);
    const [cx, cy] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(out[14 * 28 + 14]).toBe(0); // the hole
  });

  it('gives the same output for a digit drawn in a corner and in the centre (translation invariance)', () => {
    const corner = prepared(seven(canvas(280, 280), 10, 12, 100, 5));
    const centre = prepared(seven(canvas(280, 280), 100, 90, 100, 5));
    expect(maxAbsDiff(corner, centre)).toBeLessThan(1e-6);
  });

  it('gives nearly the same output for a small digit and the same digit 3× larger (scale invariance)', () => {
    const small = prepared(seven(canvas(280, 280), 30, 30, 60, 4));
    const large = prepared(seven(canvas(280, 280), 30, 30, 180, 12));
    expect(correlation(small, large)).toBeGreaterThan(0.95);
    expect(maxAbsDiff(small, large)).toBeLessThan(0.2);
  });

  it('upscales a digit drawn smaller than 20 px to a 20-px box', () => {
    const out = prepared(seven(canvas(280, 280), 200, 200, 10, 1));
    const box = inkBox(out);
    expect(Math.max(box.x1 - box.x0, box.y1 - box.y0)).toBe(20);
  });

  it('handles a canvas that is not square', () => {
    const out = prepared(line(canvas(300, 120), 20, 60, 280, 60, 3)); // a "-"
    const box = inkBox(out);
    expect(box.x1 - box.x0).toBe(20);
    expect(box.y1 - box.y0).toBeLessThanOrEqual(2);
    expect(Math.abs(centreOfMass(out)[1] - 14)).toBeLessThanOrEqual(0.5);
  });

  it('clips a lopsided digit that would spill out of the field instead of throwing', () => {
    // A heavy bar on the left and a lone dot far right: the centre of mass is near the box's left edge,
    // so centring it pushes the right end of the 20-px box past column 28.
    const image = canvas(200, 200);
    for (let y = 0; y < 200; y++) for (let x = 0; x < 20; x++) image.pixels[y * 200 + x] = 1;
    image.pixels[100 * 200 + 199] = 1;
    const out = prepared(image);
    expect(out).toHaveLength(784);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Math.abs(centreOfMass(out)[0] - 14)).toBeLessThanOrEqual(0.5);
  });

  it('returns values in [0, 1] even when the drawing has values above 1', () => {
    const image = line(canvas(100, 100), 50, 10, 50, 90, 3);
    image.pixels.forEach((v, i) => (image.pixels[i] = v * 5));
    const out = prepared(image);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('returns null for an empty canvas and for one with only faint marks', () => {
    expect(preprocessDrawing(canvas(280, 280))).toBeNull();
    const faint = canvas(280, 280);
    faint.pixels.fill(0.04);
    expect(preprocessDrawing(faint)).toBeNull();
  });

  it('ignores faint noise around the ink', () => {
    const clean = prepared(line(canvas(280, 280), 140, 40, 140, 240, 3));
    const noisy = line(canvas(280, 280), 140, 40, 140, 240, 3);
    noisy.pixels.forEach((v, i) => (noisy.pixels[i] = v === 0 ? 0.03 : v));
    expect(maxAbsDiff(prepared(noisy), clean)).toBe(0);
  });

  it('throws a TypeError naming the function and the lengths when pixels do not match the size', () => {
    const bad = { width: 10, height: 10, pixels: new Float32Array(99) };
    expect(() => preprocessDrawing(bad)).toThrow(TypeError);
    expect(() => preprocessDrawing(bad)).toThrow(/preprocessDrawing.*expected 100.*got 99/);
  });

  it('throws a TypeError when width or height is not a positive integer', () => {
    for (const [width, height] of [
      [0, 10],
      [10, -1],
      [2.5, 4],
      [Number.NaN, 1],
    ]) {
      const image = { width, height, pixels: new Float32Array(10) };
      expect(() => preprocessDrawing(image)).toThrow(TypeError);
      expect(() => preprocessDrawing(image)).toThrow(/preprocessDrawing: width and height must be positive integers/);
    }
  });
});

describe('greyFromRgba', () => {
  it("reads ink from the alpha channel in 'alpha' mode, whatever the colour", () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 0, 10, 20, 30, 51]);
    const grey = greyFromRgba(rgba, 3, 1, 'alpha');
    expect(grey.width).toBe(3);
    expect(grey.height).toBe(1);
    expect(Array.from(grey.pixels)).toEqual([1, 0, expect.closeTo(0.2, 6)]);
  });

  it("reads ink from the luminance in 'light-on-dark' mode", () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 255, 255, 255, 0]);
    const grey = greyFromRgba(rgba, 5, 1, 'light-on-dark');
    const expected = [1, 0, 0.299, 0.587, 0]; // the last pixel is transparent: paper
    grey.pixels.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('gives an image preprocessDrawing accepts', () => {
    const rgba = new Uint8ClampedArray(40 * 40 * 4);
    for (let y = 5; y < 35; y++) rgba[(y * 40 + 20) * 4 + 3] = 255;
    const out = prepared(greyFromRgba(rgba, 40, 40, 'alpha'));
    expect(inkBox(out).y1 - inkBox(out).y0).toBe(20);
  });

  it('throws a TypeError when the byte count does not match the size', () => {
    expect(() => greyFromRgba(new Uint8ClampedArray(15), 2, 2, 'alpha')).toThrow(
      /greyFromRgba: expected 16 RGBA bytes.*got 15/,
    );
    expect(() => greyFromRgba(new Uint8ClampedArray(0), 0, 2, 'alpha')).toThrow(TypeError);
  });
});
