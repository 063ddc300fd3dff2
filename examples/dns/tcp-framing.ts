// DNS over TCP's framing (RFC 1035 §4.2.2, RFC 7766 §8): every message is preceded by its
// length in two octets, big-endian. TCP keeps no message boundaries, so a message may arrive
// split over several reads, and several (pipelined) messages may arrive in one; the reader
// below collects octets until a whole message is there, in one buffer that grows to the
// largest message seen (at most 2 + 65 535 octets) and is reused.

import { readU16, writeU16 } from '../../net/byte-order';

export class LengthPrefixedReader {
  private buffer = new Uint8Array(512);
  /** Octets buffered are buffer[start, end). */
  private start = 0;
  private end = 0;

  /** Appends what one read returned. */
  push(data: Uint8Array): void {
    const have = this.end - this.start;
    if (this.end + data.length > this.buffer.length) {
      // Move what is left to the front, into a larger buffer when it still does not fit.
      let size = this.buffer.length;
      while (have + data.length > size) size *= 2;
      const next = size === this.buffer.length ? this.buffer : new Uint8Array(size);
      for (let i = 0; i < have; i++) next[i] = this.buffer[this.start + i];
      this.buffer = next;
      this.start = 0;
      this.end = have;
    }
    for (let i = 0; i < data.length; i++) this.buffer[this.end + i] = data[i];
    this.end += data.length;
  }

  /** The next whole message (a new array, without its length), or null until one is there. */
  next(): Uint8Array | null {
    if (this.end - this.start < 2) return null;
    const n = readU16(this.buffer, this.start);
    if (this.end - this.start < 2 + n) return null;
    const msg = this.buffer.slice(this.start + 2, this.start + 2 + n);
    this.start += 2 + n;
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    return msg;
  }
}

/** `msg` behind its 2-octet length, ready for one write: the length and the message go out in
 *  the same segment where they fit (RFC 7766 §8). `msg` is at most 65 535 octets. */
export function lengthPrefixed(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + msg.length);
  writeU16(out, 0, msg.length);
  for (let i = 0; i < msg.length; i++) out[2 + i] = msg[i];
  return out;
}
