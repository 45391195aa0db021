/**
 * Turns what someone drew on the page into the kind of input the MNIST model was trained on.
 *
 * The MNIST digits (LeCun et al.) were made by size-normalising each NIST digit so that its bounding box fits a
 * 20×20 box (aspect ratio kept, anti-aliased), then placing it in a 28×28 field so that its centre of mass sits at
 * the centre. A model trained on those digits does badly on a raw, downscaled canvas (a digit drawn small or in a
 * corner), so the page repeats the same steps here. Pure and DOM-free, so it is tested in Node.
 */

/** A greyscale image, row-major, values in [0, 1] (1 = ink). */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/** The side of the MNIST field. */
const FIELD = 28;
/** The longer side of the ink's bounding box after scaling, as in MNIST. */
const BOX = 20;
/**
 * Below this a pixel counts as paper: it neither widens the bounding box nor adds mass. Canvas anti-aliasing and
 * stray faint marks would otherwise shift the box and the centre of mass, and an "empty" canvas would not be empty.
 */
const INK_THRESHOLD = 0.05;

/**
 * Centre convention: pixel i covers [i, i + 1), so its centre is at i + 0.5, and the centre of the 28×28 field is its
 * geometric centre, (14, 14). The centre of mass is computed with pixel centres, so a digit that is perfectly
 * centred has its centre of mass at exactly 14.0 in both axes. (In index coordinates — pixel centres at i — that is
 * 13.5; scipy-based recipes that aim at index 14 sit half a pixel lower and to the right, well within what a
 * convolutional model cares about.)
 */
const FIELD_CENTRE = FIELD / 2;

/** An inclusive-exclusive rectangle of pixels: columns [x0, x1), rows [y0, y1). */
interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A scaled image with values kept in float64, so the centre of mass is not rounded twice. */
interface Plane {
  readonly width: number;
  readonly height: number;
  readonly values: Float64Array;
}

/**
 * Turns a drawing into a 28×28 MNIST-style input the way the MNIST digits were made (LeCun et al.):
 * the bounding box of the ink, scaled (aspect ratio kept, area-averaged) so its longer side is 20 px,
 * then placed in a 28×28 field so that its centre of mass is at the centre (14, 14) (see FIELD_CENTRE for the
 * convention), rounding the shift to whole pixels. The result is renormalised so its brightest pixel is 1:
 * MNIST strokes are saturated, while a thin stroke averaged down from a large canvas would otherwise be faint grey.
 * Returns null when there is no ink (every pixel below 0.05), so the page can say "draw a digit".
 * Output: Float32Array(784), row-major, values in [0, 1].
 */
export function preprocessDrawing(image: GreyImage): Float32Array | null {
  validateImage(image);
  const box = inkBox(image);
  if (box === null) return null;
  const scaled = scaleBoxTo20(image, box);
  normaliseMax(scaled);
  const [cx, cy] = centreOfMass(scaled);
  // Round the shift, not the position: the pasted centre of mass then lies within half a pixel of the centre.
  return paste(scaled, Math.round(FIELD_CENTRE - cx), Math.round(FIELD_CENTRE - cy));
}

/**
 * The greyscale of canvas RGBA bytes (ImageData.data), values in [0, 1].
 * 'alpha': ink is alpha / 255 — the page draws opaque strokes on a transparent canvas, so colour says nothing.
 * 'light-on-dark': ink is the luminance (0.299 R + 0.587 G + 0.114 B) / 255, times alpha / 255 so that transparent
 * pixels (whose colour bytes are meaningless) count as paper; on an opaque canvas that is the plain luminance.
 */
export function greyFromRgba(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  ink: 'light-on-dark' | 'alpha',
): GreyImage {
  checkSize('greyFromRgba', width, height);
  if (rgba.length !== width * height * 4) {
    throw new TypeError(
      `greyFromRgba: expected ${width * height * 4} RGBA bytes (${width}×${height}×4), got ${rgba.length}`,
    );
  }
  if (ink !== 'alpha' && ink !== 'light-on-dark') {
    throw new TypeError(`greyFromRgba: ink must be 'alpha' or 'light-on-dark', got ${String(ink)}`);
  }
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = rgba[4 * i + 3] / 255;
    if (ink === 'alpha') {
      pixels[i] = alpha;
    } else {
      const luminance = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
      pixels[i] = luminance * alpha;
    }
  }
  return { width, height, pixels };
}

/** Throws a TypeError naming the caller unless width and height are positive integers. */
function checkSize(caller: string, width: number, height: number): void {
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new TypeError(`${caller}: width and height must be positive integers, got ${width}×${height}`);
  }
}

/** Fails early and clearly: a mismatched buffer would otherwise read undefined as NaN and return garbage. */
function validateImage(image: GreyImage): void {
  checkSize('preprocessDrawing', image.width, image.height);
  if (!(image.pixels instanceof Float32Array)) {
    throw new TypeError('preprocessDrawing: pixels must be a Float32Array');
  }
  const expected = image.width * image.height;
  if (image.pixels.length !== expected) {
    throw new TypeError(
      `preprocessDrawing: expected ${expected} pixels (${image.width}×${image.height}), got ${image.pixels.length}`,
    );
  }
}

/** A pixel's ink in [0, 1]; paper (below the threshold) and NaN are 0, so they add no mass. */
function inkAt(image: GreyImage, x: number, y: number): number {
  const v = image.pixels[y * image.width + x];
  return v >= INK_THRESHOLD ? Math.min(v, 1) : 0;
}

/** The bounding box of the ink, or null when there is none. */
function inkBox(image: GreyImage): Box | null {
  let x0 = image.width;
  let y0 = image.height;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (inkAt(image, x, y) === 0) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + 1);
      y1 = Math.max(y1, y + 1);
    }
  }
  return x1 > x0 ? { x0, y0, x1, y1 } : null;
}

/**
 * The area-averaging weights that resample `srcLen` pixels into `dstLen`: output pixel o covers the source span
 * [o·k, (o+1)·k) with k = srcLen / dstLen, and takes each source pixel in proportion to how much of it that span
 * covers (a box filter with fractional coverage). Unlike nearest-neighbour, a 1-px stroke on a 280-px canvas is
 * not skipped: it lands, fainter, in the output pixel that covers it. Works for upscaling too (k < 1).
 */
function areaWeights(srcLen: number, dstLen: number): Array<Array<[index: number, weight: number]>> {
  const k = srcLen / dstLen;
  const rows: Array<Array<[number, number]>> = [];
  for (let o = 0; o < dstLen; o++) {
    const start = o * k;
    const end = (o + 1) * k;
    const row: Array<[number, number]> = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), srcLen); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) row.push([i, overlap / k]);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The ink's bounding box scaled so its longer side is exactly 20 px and the shorter side by the same factor
 * (rounded, at least 1 px), so a "1" stays a narrow stroke rather than becoming a 20×20 blob. Each axis maps the
 * whole box onto its whole output, so rounding the short side distorts the aspect by under half a pixel.
 * Separable: columns first, then rows.
 */
function scaleBoxTo20(image: GreyImage, box: Box): Plane {
  const boxWidth = box.x1 - box.x0;
  const boxHeight = box.y1 - box.y0;
  const factor = BOX / Math.max(boxWidth, boxHeight);
  const width = Math.max(1, Math.min(BOX, Math.round(boxWidth * factor)));
  const height = Math.max(1, Math.min(BOX, Math.round(boxHeight * factor)));
  const across = areaWeights(boxWidth, width);
  const down = areaWeights(boxHeight, height);

  // Horizontal pass: every source row of the box, resampled to `width` columns.
  const rows = new Float64Array(boxHeight * width);
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const [i, w] of across[x]) sum += w * inkAt(image, box.x0 + i, box.y0 + y);
      rows[y * width + x] = sum;
    }
  }
  // Vertical pass: the resampled rows down to `height`.
  const values = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (const [i, w] of down[y]) {
      for (let x = 0; x < width; x++) values[y * width + x] += w * rows[i * width + x];
    }
  }
  return { width, height, values };
}

/**
 * Scales so the brightest pixel is 1. MNIST strokes are saturated; a thin pen stroke averaged down from a large
 * canvas is faint grey, which the model has never seen. There is ink, so the maximum is positive.
 */
function normaliseMax(plane: Plane): void {
  let max = 0;
  for (const v of plane.values) max = Math.max(max, v);
  if (max <= 0) return;
  for (let i = 0; i < plane.values.length; i++) plane.values[i] = Math.min(1, plane.values[i] / max);
}

/** The centre of mass, with pixel centres at i + 0.5 (see FIELD_CENTRE). */
function centreOfMass(plane: Plane): [x: number, y: number] {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const v = plane.values[y * plane.width + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return [sx / mass, sy / mass];
}

/**
 * The plane in a 28×28 field, its top-left at (dx, dy). Pixels that would fall outside are dropped: a lopsided
 * digit (heavy on one side of its box) can push part of its 20-px box past the edge, and that must not throw.
 */
function paste(plane: Plane, dx: number, dy: number): Float32Array {
  const field = new Float32Array(FIELD * FIELD);
  for (let y = 0; y < plane.height; y++) {
    const fy = y + dy;
    if (fy < 0 || fy >= FIELD) continue;
    for (let x = 0; x < plane.width; x++) {
      const fx = x + dx;
      if (fx < 0 || fx >= FIELD) continue;
      field[fy * FIELD + fx] = plane.values[y * plane.width + x];
    }
  }
  return field;
}
