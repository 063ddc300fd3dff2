// Splitting a raw disk into the fixed-size units a sparse format allocates (qcow2
// clusters, VDI blocks, VMDK grains), and telling which units hold only zeros.
//
// Every sparse format here leaves all-zero units unallocated: a reader returns zeros
// for them, so the image stays small and the guest sees the same bytes.

/** Round `n` up to a multiple of `unit`. */
export function roundUp(n: number, unit: number): number {
  return Math.ceil(n / unit) * unit;
}

/** True when `raw[start, start + length)` (clipped to the data) is all zero. */
export function isZeroRange(raw: Uint8Array, start: number, length: number): boolean {
  const end = Math.min(raw.length, start + length);
  for (let i = start; i < end; i++) if (raw[i] !== 0) return false;
  return true;
}

/**
 * Indexes of the units of `unitSize` bytes covering `virtualSize` that hold a non-zero
 * byte, in ascending order (the order they are laid out in the image file, so the file
 * is a pure function of the content).
 */
export function nonZeroUnits(raw: Uint8Array, unitSize: number, virtualSize: number): number[] {
  const units: number[] = [];
  const count = Math.ceil(virtualSize / unitSize);
  for (let u = 0; u < count; u++) {
    if (!isZeroRange(raw, u * unitSize, unitSize)) units.push(u);
  }
  return units;
}

/** Copy unit `index` of `raw` (zero-padded past its end) into `out` at `offset`. */
export function copyUnit(raw: Uint8Array, unitSize: number, index: number, out: Uint8Array, offset: number): void {
  const start = index * unitSize;
  out.set(raw.subarray(start, Math.min(raw.length, start + unitSize)), offset);
}
