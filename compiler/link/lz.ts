// A byte-oriented LZ77 for data the image carries packed and boot unpacks (literals.ts: the
// string literals' records and the symbol table): small enough to decode in a few dozen lines
// of runtime code with no heap (runtime/kernel/literals.ts).
//
// The stream is a run of sequences until the output is whole (its length is stored elsewhere):
//   uv n          then n bytes copied as they are
//   uv length − 3 uv distance − 1   a copy of `length` bytes from `distance` back in the output
//                                   (it may overlap what it writes: a run)
// The second part is left out when the output is whole after the first.
//
// The decoder fixes only the format, so the compressor may spend host time choosing the
// sequences: it parses optimally (a shortest path over the input's positions, each match
// priced at its varints' bytes and each literal at one byte plus its run's header), not
// greedily — the same decoder; on dns.img's 38.7 KB of records and table, 31 314 → 30 887 B
// (1.4 %; huffman.ts then codes the bytes, 27 145 B), in some 130 ms of link time.

import { ByteReader, Bytes } from './bytes';

export const LZ_MIN_MATCH = 3;
const WINDOW = 1 << 16;
const MAX_CHAIN = 256;
/** A match at least this long is taken as it is, without pricing the positions it covers
 *  (keeps long runs linear). */
const NICE_MATCH = 128;

export interface LzOutput {
  bytes: Uint8Array;
  /** Bytes of the stream that rebuild the output before `split` (lzCompress's argument): the
   *  sequences ending at or before it. */
  beforeSplit: number;
}

/** `input` compressed; deterministic. */
export function lzCompress(input: Uint8Array, split = input.length): LzOutput {
  const n = input.length;
  // f[i]: fewest bytes that rebuild input[0, i) ending with a match (or nothing: i = 0);
  // h[i]: the same ending inside a literal run, its header counted.
  const f = new Float64Array(n + 1).fill(Infinity);
  const h = new Float64Array(n + 1).fill(Infinity);
  const runStart = new Int32Array(n + 1);
  const matchFrom = new Int32Array(n + 1);
  const matchDistance = new Int32Array(n + 1);
  f[0] = 0;
  const head = new Map<number, number>();
  const prev = new Int32Array(n).fill(-1);
  const key = (i: number) => input[i] | (input[i + 1] << 8) | (input[i + 2] << 16);
  const insert = (i: number) => {
    if (i + LZ_MIN_MATCH > n) return;
    const k = key(i);
    prev[i] = head.get(k) ?? -1;
    head.set(k, i);
  };
  let skipTo = 0;
  for (let i = 0; i <= n; i++) {
    if (i < skipTo) {
      insert(i);
      continue;
    }
    if (f[i] + 1 <= (i > 0 ? h[i - 1] + 1 : Infinity)) {
      h[i] = f[i] + 1;
      runStart[i] = i;
    } else {
      h[i] = h[i - 1] + 1;
      runStart[i] = runStart[i - 1];
    }
    if (i + LZ_MIN_MATCH > n) continue;
    // Candidates nearest first: each longer match found prices the lengths it adds at its distance.
    let longest = LZ_MIN_MATCH - 1;
    let chain = 0;
    for (let j = head.get(key(i)) ?? -1; j >= 0 && i - j <= WINDOW && chain < MAX_CHAIN; j = prev[j], chain++) {
      let len = 0;
      while (i + len < n && input[j + len] === input[i + len]) len++;
      if (len <= longest) continue;
      const d = i - j;
      const dc = uvBytes(d - 1);
      for (let l = longest + 1; l <= len; l++) {
        if (l > NICE_MATCH && l < len) l = len;
        const c = h[i] + uvBytes(l - LZ_MIN_MATCH) + dc;
        if (c < f[i + l]) {
          f[i + l] = c;
          matchFrom[i + l] = i;
          matchDistance[i + l] = d;
        }
      }
      longest = len;
      if (len >= NICE_MATCH) break;
    }
    insert(i);
    if (longest >= NICE_MATCH) {
      // Only the long match leaves this stretch.
      skipTo = i + longest;
      for (let k = i + 1; k < skipTo; k++) f[k] = Infinity;
    }
  }

  // Back from the end: the sequences, last first.
  const seqs: { run: number; runEnd: number; length: number; distance: number }[] = [];
  let at = n;
  let inRun = h[n] < f[n];
  while (at > 0 || inRun) {
    if (inRun) {
      const s = runStart[at];
      seqs.push({ run: s, runEnd: at, length: 0, distance: 0 });
      at = s;
      inRun = false;
      if (at === 0) break;
      continue;
    }
    const from = matchFrom[at];
    const s = runStart[from];
    seqs.push({ run: s, runEnd: from, length: at - from, distance: matchDistance[at] });
    at = s;
  }
  seqs.reverse();
  const out = new Bytes();
  let beforeSplit = 0;
  for (const q of seqs) {
    out.uleb(q.runEnd - q.run).raw(input.subarray(q.run, q.runEnd));
    if (q.length > 0) out.uleb(q.length - LZ_MIN_MATCH).uleb(q.distance - 1);
    if (q.runEnd + q.length <= split) beforeSplit = out.length;
  }
  return { bytes: out.bytes(), beforeSplit };
}

/** The host's decoder (tsuk run/inspect/profile read the packed symbol table with it; the
 *  guest's is runtime/kernel/literals.ts). */
export function lzDecompress(stream: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const r = new ByteReader(stream, 0);
  let at = 0;
  while (at < length) {
    const run = r.uleb();
    if (at + run > length) throw new Error('lz: bad stream');
    for (let k = 0; k < run; k++) out[at++] = r.u8();
    if (at >= length) break;
    const n = r.uleb() + LZ_MIN_MATCH;
    const d = r.uleb() + 1;
    if (d > at || at + n > length) throw new Error('lz: bad stream');
    for (let k = 0; k < n; k++, at++) out[at] = out[at - d];
  }
  return out;
}

function uvBytes(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;
}
