// IPv4 fragment reassembly (RFC 791 §3.2, RFC 815's hole bookkeeping kept simple): fragments
// of one datagram — same source, destination, protocol and identification — are copied aside
// until they cover it from offset 0 to the end the last fragment (MF clear) gives, then one
// packet is built and handed up as if it had arrived whole.
//
// Bounded, whatever arrives: at most `maxDatagrams` datagrams in assembly and `maxBytes` octets
// held across them (a fragment that would exceed either is dropped, and so is its datagram);
// a datagram not complete within `timeoutMs` (30 s, as Linux) is dropped. Overlapping
// fragments (RFC 5722's rule, which IPv4 stacks apply too against overlap attacks) discard the
// whole datagram; an exact duplicate is ignored. Every drop is counted.

import type { i32, u32 } from 'tsuk';
import { readU16, readU32, writeU16 } from './byte-order';
import { finishChecksum, sumWords } from './checksum';
import { ETHERNET_HEADER } from './ethernet';

/** The largest IPv4 datagram: its total length is a 16-bit field. */
const MAX_DATAGRAM = 65535;
const HEADER = 20;

export class ReassemblyCounters {
  /** Fragments received (each with MF set or a non-zero offset). */
  fragments = 0;
  reassembled = 0;
  /** Datagrams discarded because two of their fragments overlapped. */
  overlaps = 0;
  duplicates = 0;
  /** Datagrams that did not complete in time. */
  timeouts = 0;
  /** Fragments dropped because the datagram or byte limit was reached. */
  overLimit = 0;
  /** Fragments past 65 535 octets, or not a multiple of 8 octets before the last one. */
  malformed = 0;
}

class Piece {
  constructor(
    readonly offset: i32,
    readonly data: Uint8Array,
  ) {}
}

class Datagram {
  pieces: Piece[] = [];
  bytes: i32 = 0;
  /** The datagram's payload length, once the last fragment (MF clear) arrived; −1 before. */
  total: i32 = -1;
  /** The first fragment's header (offset 0), for the reassembled packet. */
  header: Uint8Array | null = null;
  timer = -1;

  constructor(
    readonly src: u32,
    readonly dst: u32,
    readonly protocol: i32,
    readonly id: i32,
  ) {}
}

export class Ipv4Reassembly {
  readonly counters = new ReassemblyCounters();
  maxDatagrams = 16;
  maxBytes = 256 * 1024;
  timeoutMs = 30000;
  private readonly assembling: Datagram[] = [];
  private held: i32 = 0;

  /**
   * Takes the fragment frame[ip, ip + totalLength) (header of `headerLength` octets); returns
   * the reassembled packet — at offset ETHERNET_HEADER of a new array, with a 20-octet header —
   * when this fragment completed its datagram, else null.
   */
  add(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): Uint8Array | null {
    const c = this.counters;
    c.fragments++;
    const flags: i32 = readU16(frame, ip + 6);
    const more = (flags & 0x2000) !== 0;
    const offset: i32 = (flags & 0x1fff) * 8;
    const length: i32 = totalLength - headerLength;
    if (offset + length > MAX_DATAGRAM - HEADER || (more && (length & 7) !== 0) || (more && length === 0)) {
      c.malformed++;
      return null;
    }
    const src = readU32(frame, ip + 12);
    const dst = readU32(frame, ip + 16);
    const protocol: i32 = frame[ip + 9];
    const id: i32 = readU16(frame, ip + 4);
    let d = this.find(src, dst, protocol, id);
    if (d === null) {
      if (this.assembling.length >= this.maxDatagrams) {
        c.overLimit++;
        return null;
      }
      d = new Datagram(src, dst, protocol, id);
      this.assembling.push(d);
      const started = d;
      d.timer = setTimeout(() => {
        started.timer = -1;
        this.counters.timeouts++;
        this.discard(started);
      }, this.timeoutMs);
    }
    // Overlap with a piece already held: an exact duplicate is ignored, anything else discards.
    for (const p of d.pieces) {
      const end: i32 = p.offset + p.data.length;
      if (offset < end && p.offset < offset + length) {
        if (p.offset === offset && p.data.length === length) {
          c.duplicates++;
          return null;
        }
        c.overlaps++;
        this.discard(d);
        return null;
      }
    }
    if (!more) {
      if (d.total >= 0 || offset + length < this.coveredEnd(d)) {
        c.overlaps++; // a second end, or an end before data already held
        this.discard(d);
        return null;
      }
      d.total = offset + length;
    } else if (d.total >= 0 && offset + length > d.total) {
      c.overlaps++;
      this.discard(d);
      return null;
    }
    if (this.held + length > this.maxBytes) {
      c.overLimit++;
      this.discard(d);
      return null;
    }
    d.pieces.push(new Piece(offset, frame.slice(ip + headerLength, ip + totalLength)));
    d.bytes += length;
    this.held += length;
    if (offset === 0) {
      d.header = frame.slice(ip, ip + HEADER);
    }
    if (d.total < 0 || d.bytes !== d.total || d.header === null) {
      return null;
    }
    // No overlaps and as many octets as the total: the pieces cover it exactly.
    const packet = this.build(d);
    this.discard(d);
    c.reassembled++;
    return packet;
  }

  /** Drops every datagram in assembly and its timer (Inet.stop). */
  stop(): void {
    while (this.assembling.length > 0) {
      this.discard(this.assembling[0]);
    }
  }

  /** Datagrams in assembly, and octets held for them. */
  pending(): i32 {
    return this.assembling.length;
  }

  heldBytes(): i32 {
    return this.held;
  }

  private build(d: Datagram): Uint8Array {
    const total: i32 = HEADER + d.total;
    const out = new Uint8Array(ETHERNET_HEADER + total);
    const p: i32 = ETHERNET_HEADER;
    out.set(d.header!, p);
    out[p] = 0x45; // options stay with the first fragment's header: not copied
    writeU16(out, p + 2, total);
    writeU16(out, p + 6, 0);
    writeU16(out, p + 10, 0);
    writeU16(out, p + 10, finishChecksum(sumWords(out, p, HEADER, 0)));
    for (const piece of d.pieces) {
      out.set(piece.data, p + HEADER + piece.offset);
    }
    return out;
  }

  private coveredEnd(d: Datagram): i32 {
    let end: i32 = 0;
    for (const p of d.pieces) {
      end = Math.max(end, p.offset + p.data.length);
    }
    return end;
  }

  private find(src: u32, dst: u32, protocol: i32, id: i32): Datagram | null {
    for (const d of this.assembling) {
      if (d.id === id && d.src === src && d.dst === dst && d.protocol === protocol) {
        return d;
      }
    }
    return null;
  }

  private discard(d: Datagram): void {
    const at = this.assembling.indexOf(d);
    if (at >= 0) {
      this.assembling.splice(at, 1);
    }
    this.held -= d.bytes;
    d.bytes = 0;
    d.pieces = [];
    if (d.timer >= 0) {
      clearTimeout(d.timer);
      d.timer = -1;
    }
  }
}
