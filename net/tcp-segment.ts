// TCP segment headers (RFC 9293 §3.1) and the options a host needs: MSS (kind 2), window scale
// (kind 3, RFC 7323 §2), SACK-permitted and SACK blocks (kinds 4 and 5, RFC 2018) and
// timestamps (kind 8, RFC 7323 §3). `parseSegment` checks a received segment (length, data offset, checksum with
// the pseudo-header) into a reused TcpSegment, so the receive path allocates nothing;
// `writeSegment` lays a header, its options and the checksum in front of a payload already
// in the transmit buffer.
//
// Malformed options (a length below 2 or past the header, a known kind with the wrong length)
// end option parsing: the segment is kept and the options read so far apply, as Linux does;
// only the header and checksum checks reject a segment.

import type { i32, u32 } from 'tsuk';
import { readU16, readU32, writeU16, writeU32 } from './byte-order';
import { finishChecksum, sumU32, sumWords } from './checksum';
import { PROTOCOL_TCP } from './ipv4';

export const TCP_HEADER = 20;
/** The largest header: a data offset of 15 words. */
export const MAX_TCP_HEADER = 60;

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

const OPT_END = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERMITTED = 4;
const OPT_SACK = 5;
/** SACK blocks one segment carries at most: 3 beside timestamps (RFC 2018 §3), 4 without. */
export const MAX_SACK_BLOCKS = 4;
const OPT_TIMESTAMPS = 8;
/** RFC 7323 §2.3: a larger shift is used as 14. */
export const MAX_WSCALE = 14;

/** Why a received segment was rejected (0: accepted). */
export const SEGMENT_OK = 0;
export const SEGMENT_TOO_SHORT = 1;
export const SEGMENT_BAD_OFFSET = 2;
export const SEGMENT_BAD_CHECKSUM = 3;

/** A segment's header fields and options: what `writeSegment` sends, and (extended by
 *  TcpSegment) what `parseSegment` found. MSS is present when > 0, the window scale when ≥ 0. */
export class SegmentFields {
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  window = 0;
  mss = 0;
  wscale = -1;
  timestamps = false;
  tsVal = 0;
  tsEcr = 0;
  sackPermitted = false;
  /** SACK blocks [sackLeft[i], sackRight[i]) in use: sackCount of them. */
  sackCount = 0;
  readonly sackLeft: number[] = [0, 0, 0, 0];
  readonly sackRight: number[] = [0, 0, 0, 0];
}

/** A parsed segment: the fields, SACK-permitted, and where the payload lies in the frame
 *  (valid only during the receive call, like the frame). */
export class TcpSegment extends SegmentFields {
  /** Payload octets, and where they start in the frame. */
  length = 0;
  payload = 0;

  /** The sequence space the segment occupies: its payload plus one each for SYN and FIN. */
  spaceLength(): number {
    return this.length + ((this.flags & SYN) !== 0 ? 1 : 0) + ((this.flags & FIN) !== 0 ? 1 : 0);
  }
}

/** The ones' complement sum of the TCP pseudo-header (RFC 9293 §3.1). */
export function pseudoHeaderSum(src: u32, dst: u32, length: i32): u32 {
  return sumU32(src, sumU32(dst, PROTOCOL_TCP + length));
}

/** Parses the segment frame[start, start + length) from `src` to `dst` into `s`; returns
 *  SEGMENT_OK or the reason it was rejected. */
export function parseSegment(frame: Uint8Array, start: i32, length: i32, src: u32, dst: u32, s: TcpSegment): i32 {
  if (length < TCP_HEADER) {
    return SEGMENT_TOO_SHORT;
  }
  const offset: i32 = (frame[start + 12] >>> 4) * 4;
  if (offset < TCP_HEADER || offset > length) {
    return SEGMENT_BAD_OFFSET;
  }
  if (finishChecksum(sumWords(frame, start, length, pseudoHeaderSum(src, dst, length))) !== 0) {
    return SEGMENT_BAD_CHECKSUM;
  }
  s.srcPort = readU16(frame, start);
  s.dstPort = readU16(frame, start + 2);
  s.seq = readU32(frame, start + 4);
  s.ack = readU32(frame, start + 8);
  s.flags = frame[start + 13] & 0x3f;
  s.window = readU16(frame, start + 14);
  s.payload = start + offset;
  s.length = length - offset;
  parseOptions(frame, start + TCP_HEADER, start + offset, s);
  return SEGMENT_OK;
}

function parseOptions(frame: Uint8Array, from: i32, end: i32, s: TcpSegment): void {
  s.mss = 0;
  s.wscale = -1;
  s.sackPermitted = false;
  s.sackCount = 0;
  s.timestamps = false;
  s.tsVal = 0;
  s.tsEcr = 0;
  let p: i32 = from;
  while (p < end) {
    const kind: i32 = frame[p];
    if (kind === OPT_END) {
      return;
    }
    if (kind === OPT_NOP) {
      p++;
      continue;
    }
    if (p + 1 >= end) {
      return;
    }
    const size: i32 = frame[p + 1];
    if (size < 2 || p + size > end) {
      return;
    }
    if (kind === OPT_MSS) {
      if (size !== 4) {
        return;
      }
      s.mss = readU16(frame, p + 2);
    } else if (kind === OPT_WSCALE) {
      if (size !== 3) {
        return;
      }
      s.wscale = Math.min(frame[p + 2], MAX_WSCALE);
    } else if (kind === OPT_SACK_PERMITTED) {
      if (size !== 2) {
        return;
      }
      s.sackPermitted = true;
    } else if (kind === OPT_SACK) {
      if ((size - 2) % 8 !== 0) {
        return;
      }
      const n: i32 = Math.min((size - 2) / 8, MAX_SACK_BLOCKS);
      for (let i: i32 = 0; i < n; i++) {
        s.sackLeft[i] = readU32(frame, p + 2 + 8 * i);
        s.sackRight[i] = readU32(frame, p + 6 + 8 * i);
      }
      s.sackCount = n;
    } else if (kind === OPT_TIMESTAMPS) {
      if (size !== 10) {
        return;
      }
      s.timestamps = true;
      s.tsVal = readU32(frame, p + 2);
      s.tsEcr = readU32(frame, p + 6);
    }
    p += size;
  }
}


/** The option bytes `f` asks for, padded to whole words. */
export function optionsLength(f: SegmentFields): i32 {
  return (f.mss > 0 ? 4 : 0) + (f.wscale >= 0 ? 4 : 0) + (f.timestamps ? 12 : 0) + (f.sackPermitted ? 4 : 0) + (f.sackCount > 0 ? 4 + 8 * f.sackCount : 0);
}

/** Two NOPs, then an option's kind and length: its data starts word-aligned at b[p + 4]. */
function alignedOption(b: Uint8Array, p: i32, kind: i32, size: i32): void {
  b[p] = OPT_NOP;
  b[p + 1] = OPT_NOP;
  b[p + 2] = kind;
  b[p + 3] = size;
}

/**
 * Writes the header for `f` at b[at…] followed by its options, in front of `payloadLength`
 * octets the caller already placed at b[at + TCP_HEADER + optionsLength(f)…], and the
 * checksum over all of it for src → dst. Returns the segment's length.
 */
export function writeSegment(b: Uint8Array, at: i32, f: SegmentFields, payloadLength: i32, src: u32, dst: u32): i32 {
  const header: i32 = TCP_HEADER + optionsLength(f);
  writeU16(b, at, f.srcPort);
  writeU16(b, at + 2, f.dstPort);
  writeU32(b, at + 4, f.seq);
  writeU32(b, at + 8, f.ack);
  b[at + 12] = (header / 4) << 4;
  b[at + 13] = f.flags;
  writeU16(b, at + 14, f.window);
  writeU16(b, at + 16, 0);
  writeU16(b, at + 18, 0); // urgent pointer: never used
  let p: i32 = at + TCP_HEADER;
  if (f.mss > 0) {
    b[p] = OPT_MSS;
    b[p + 1] = 4;
    writeU16(b, p + 2, f.mss);
    p += 4;
  }
  if (f.wscale >= 0) {
    b[p] = OPT_NOP;
    b[p + 1] = OPT_WSCALE;
    b[p + 2] = 3;
    b[p + 3] = f.wscale;
    p += 4;
  }
  if (f.timestamps) {
    alignedOption(b, p, OPT_TIMESTAMPS, 10);
    writeU32(b, p + 4, f.tsVal);
    writeU32(b, p + 8, f.tsEcr);
    p += 12;
  }
  if (f.sackPermitted) {
    alignedOption(b, p, OPT_SACK_PERMITTED, 2);
    p += 4;
  }
  if (f.sackCount > 0) {
    alignedOption(b, p, OPT_SACK, 2 + 8 * f.sackCount);
    for (let i: i32 = 0; i < f.sackCount; i++) {
      writeU32(b, p + 4 + 8 * i, f.sackLeft[i]);
      writeU32(b, p + 8 + 8 * i, f.sackRight[i]);
    }
  }
  const length: i32 = header + payloadLength;
  writeU16(b, at + 16, finishChecksum(sumWords(b, at, length, pseudoHeaderSum(src, dst, length))));
  return length;
}
