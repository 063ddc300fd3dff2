// Reading names out of a received message (RFC 1035 §4.1.4), the part of a DNS server most
// exposed to hostile input. `scanName` validates a name in place without allocating: label
// types 01 and 10 are reserved (FORMERR), labels are at most 63 octets, the expanded name at
// most 255, and a compression pointer must point into the message body (not the header) and
// strictly before every position the name has visited so far. That last rule makes each jump go
// further back, so no pointer chain can loop; the jump count is bounded as well.

import type { i32 } from 'tsuk';
import { HEADER_LENGTH, MAX_NAME_WIRE_LENGTH } from './constants';
import { hashStep, Name, ROOT } from './name';

export const NAME_OK = 0;
export const NAME_OVERRUN = 1;
export const NAME_RESERVED_LABEL = 2;
export const NAME_TOO_LONG = 3;
export const NAME_POINTER_INTO_HEADER = 4;
export const NAME_POINTER_FORWARD = 5;
export const NAME_POINTER_LOOP = 6;

/** Most pointers one name may follow. A pointer must land strictly before the last one, so this
 *  only caps work on pathological chains of pointers to pointers. */
export const MAX_POINTER_JUMPS = 64;

/** The result of scanning one name, reused from query to query. */
export class NameScan {
  /** Why the name is malformed (NAME_*), or NAME_OK. */
  error = NAME_OK;
  /** Offset just after the name where it was read (after its first pointer if compressed). */
  end = 0;
  /** Octets of the expanded, uncompressed name, the final zero included. */
  wireLength = 0;
  labelCount = 0;
  /** Hash of the ASCII-lowercased expanded wire form (equal to Name.hash() of the same name). */
  hash = 0;
  /** True when the name contained a compression pointer. */
  compressed = false;
  /** Offset of each label's length octet, in order, as long as the name is uncompressed. */
  labelStarts = new Int32Array(128);
}

function fail(scan: NameScan, error: number): boolean {
  scan.error = error;
  return false;
}

/** Validates the name at `start` of `msg[0, length)` and fills `scan`; false when malformed. */
export function scanName(msg: Uint8Array, length: number, start: number, scan: NameScan): boolean {
  let pos: i32 = start;
  let lowest: i32 = start;
  let jumps: i32 = 0;
  let wireLength: i32 = 0;
  let labels: i32 = 0;
  let end: i32 = -1;
  let h: i32 = 0;
  scan.error = NAME_OK;
  scan.compressed = false;
  for (;;) {
    if (pos >= length) return fail(scan, NAME_OVERRUN);
    const b: i32 = msg[pos];
    const kind: i32 = b & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= length) return fail(scan, NAME_OVERRUN);
      const target: i32 = ((b & 0x3f) << 8) | msg[pos + 1];
      if (target < HEADER_LENGTH) return fail(scan, NAME_POINTER_INTO_HEADER);
      if (target >= pos) return fail(scan, NAME_POINTER_FORWARD);
      if (target >= lowest) return fail(scan, NAME_POINTER_LOOP);
      jumps++;
      if (jumps > MAX_POINTER_JUMPS) return fail(scan, NAME_POINTER_LOOP);
      if (end < 0) end = pos + 2;
      scan.compressed = true;
      lowest = target;
      pos = target;
      continue;
    }
    if (kind !== 0) return fail(scan, NAME_RESERVED_LABEL);
    wireLength += b + 1;
    if (wireLength > MAX_NAME_WIRE_LENGTH) return fail(scan, NAME_TOO_LONG);
    h = hashStep(h, b);
    if (b === 0) break;
    if (pos + 1 + b > length) return fail(scan, NAME_OVERRUN);
    if (!scan.compressed) scan.labelStarts[labels] = pos;
    // hashStep(h, lowerOctet(c)) by hand: this loop runs for every octet of every query.
    for (let i: i32 = 1; i <= b; i++) {
      const c: i32 = msg[pos + i];
      h = (h * 31 + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
    }
    labels++;
    pos += b + 1;
  }
  scan.end = end < 0 ? pos + 1 : end;
  scan.wireLength = wireLength;
  scan.labelCount = labels;
  scan.hash = h;
  return true;
}

/** Reads the name at `start` as a Name (allocates: for tools and tests, not the query path);
 *  null when malformed. `scan.end` tells where the name ended. */
export function readName(msg: Uint8Array, length: number, start: number, scan: NameScan): Name | null {
  if (!scanName(msg, length, start, scan)) return null;
  const labels: Uint8Array[] = [];
  let pos = start;
  for (;;) {
    const b = msg[pos];
    if ((b & 0xc0) === 0xc0) {
      pos = ((b & 0x3f) << 8) | msg[pos + 1];
      continue;
    }
    if (b === 0) break;
    labels.push(msg.slice(pos + 1, pos + 1 + b));
    pos += b + 1;
  }
  let name = ROOT;
  for (let k = labels.length - 1; k >= 0; k--) name = Name.child(labels[k], name);
  return name;
}
