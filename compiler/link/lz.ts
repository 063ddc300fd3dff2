// A byte-oriented LZ77 for data the image carries packed and boot unpacks (literals.ts): small
// enough to decode in a few dozen lines of runtime code with no heap
// (runtime/kernel/literals.ts), and within some 15 % of deflate on the string literals' records.
//
// The stream is a run of sequences until the output is whole (its length is stored elsewhere):
//   uv n          then n bytes copied as they are
//   uv length − 3 uv distance − 1   a copy of `length` bytes from `distance` back in the output
//                                   (it may overlap what it writes: a run)
// The second part is left out when the output is whole after the first.

import { Bytes } from './bytes';

export const LZ_MIN_MATCH = 3;
const WINDOW = 1 << 16;
const MAX_CHAIN = 256;

/** `input` compressed; deterministic. Greedy longest match over a hash chain of 3-byte keys. */
export function lzCompress(input: Uint8Array): Uint8Array {
  const out = new Bytes();
  const head = new Map<number, number>();
  const prev = new Int32Array(input.length).fill(-1);
  const key = (i: number) => input[i] | (input[i + 1] << 8) | (input[i + 2] << 16);
  const insert = (i: number) => {
    if (i + LZ_MIN_MATCH > input.length) return;
    const k = key(i);
    prev[i] = head.get(k) ?? -1;
    head.set(k, i);
  };
  let literalStart = 0;
  let i = 0;
  while (i < input.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + LZ_MIN_MATCH <= input.length) {
      let chain = 0;
      for (let j = head.get(key(i)) ?? -1; j >= 0 && i - j <= WINDOW && chain < MAX_CHAIN; j = prev[j], chain++) {
        let n = 0;
        while (i + n < input.length && input[j + n] === input[i + n]) n++;
        if (n > bestLength) {
          bestLength = n;
          bestDistance = i - j;
        }
      }
    }
    // A match pays when it is shorter than the bytes it stands for.
    if (bestLength >= LZ_MIN_MATCH && uvBytes(bestLength - LZ_MIN_MATCH) + uvBytes(bestDistance - 1) < bestLength) {
      out.uleb(i - literalStart).raw(input.subarray(literalStart, i));
      out.uleb(bestLength - LZ_MIN_MATCH).uleb(bestDistance - 1);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
      literalStart = i;
    } else {
      insert(i);
      i++;
    }
  }
  if (literalStart < input.length || input.length === 0) out.uleb(input.length - literalStart).raw(input.subarray(literalStart));
  return out.bytes();
}

/** The host's decoder (tests; the guest's is runtime/kernel/literals.ts). */
export function lzDecompress(stream: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let src = 0;
  let at = 0;
  const uv = () => {
    let v = 0;
    for (let scale = 1; ; scale *= 128) {
      const b = stream[src++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
    }
  };
  while (at < length) {
    for (let n = uv(); n > 0; n--) out[at++] = stream[src++];
    if (at >= length) break;
    const n = uv() + LZ_MIN_MATCH;
    const d = uv() + 1;
    for (let k = 0; k < n; k++, at++) out[at] = out[at - d];
  }
  return out;
}

function uvBytes(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;
}
