/** Builds IDX files in memory, the way the MNIST files are laid out, for the parser's tests. */
export function idxBytes(typeCode: number, shape: readonly number[], values: ArrayLike<number>, elementBytes = 1): Uint8Array {
  const header = 4 + 4 * shape.length;
  const bytes = new Uint8Array(header + values.length * elementBytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, (typeCode << 8) | shape.length, false);
  shape.forEach((size, axis) => view.setUint32(4 + 4 * axis, size, false));
  for (let i = 0; i < values.length; i++) {
    const offset = header + i * elementBytes;
    if (typeCode === 0x08) view.setUint8(offset, values[i]);
    else if (typeCode === 0x09) view.setInt8(offset, values[i]);
    else if (typeCode === 0x0b) view.setInt16(offset, values[i], false);
    else if (typeCode === 0x0c) view.setInt32(offset, values[i], false);
    else if (typeCode === 0x0d) view.setFloat32(offset, values[i], false);
    else view.setFloat64(offset, values[i], false);
  }
  return bytes;
}

/** A small MNIST-like pair: `count` images of rows x cols, image i filled with value (i * 37) % 256, label i % 10. */
export function mnistLikeFiles(count: number, rows = 28, cols = 28): { images: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(count * rows * cols);
  for (let i = 0; i < count; i++) pixels.fill((i * 37) % 256, i * rows * cols, (i + 1) * rows * cols);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { images: idxBytes(0x08, [count, rows, cols], pixels), labels: idxBytes(0x08, [count], labels) };
}
