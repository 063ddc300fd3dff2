// Map-heavy code: a Map<number, number> of counters keyed by a scrambled index — set, get,
// has and delete — then a lookup of every key. Checksum: a hash of the values, folded to int32.

export function mapsKernel(): number {
  const m = new Map<number, number>();
  const keys = 4099;
  for (let i = 0; i < 40000; i++) {
    const k = (i * 7919) % keys;
    m.set(k, (m.get(k) ?? 0) + i);
    if (i % 3 === 0 && m.has((k * 31) % keys)) m.delete((k * 31) % keys);
  }
  let h = m.size;
  for (let k = 0; k < keys; k++) h = (h * 31 + (m.get(k) ?? -1)) | 0;
  return h;
}
