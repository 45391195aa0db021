/**
 * `total` units (rows, images, elements) in at most `parts` contiguous ranges `[start, end)`, as
 * even as they can be with every boundary on a multiple of `align`; empty ranges are left out. The
 * worker pool cuts its ops with it, and a plugin's `WasmKernelSource.split` may too.
 */
export function splitRanges(total: number, parts: number, align = 1): [number, number][] {
  const blocks = Math.ceil(total / align);
  const ranges: [number, number][] = [];
  let start = 0;
  for (let part = 0; part < parts && start < total; part++) {
    const end = Math.min(total, Math.round((blocks * (part + 1)) / parts) * align);
    if (end > start) ranges.push([start, end]);
    start = Math.max(start, end);
  }
  return ranges;
}
