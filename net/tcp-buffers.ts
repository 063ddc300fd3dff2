// A TCP connection's byte buffers. The send buffer holds what the application wrote and the
// peer has not acknowledged yet: sent-but-unacknowledged octets first (from SND.UNA), then
// unsent ones; its free space is what `write` may still take. The receive buffer holds
// in-order octets the application has not read (its free space is the window we advertise)
// and, apart, segments that arrived ahead of a gap, until the gap fills. Both are rings of a
// fixed capacity per connection; the out-of-order store is bounded by the
// window (nothing beyond the advertised right edge is kept) and by a segment count. The rings
// are allocated on first use, so a half-open connection (a SYN flood's) costs no buffer, and
// start small, doubling up to the capacity as they fill: an HTTP server's short connections
// would otherwise allocate 2 × 64 KB each and keep it through TIME-WAIT, and the garbage
// collector's pauses, not the requests, set its rate (bench/http.ts).

import type { i32 } from 'tsuk';
import { seqAdd, seqDiff } from './tcp-sequence';

/** Copies data[from, from + n) into the ring `ring` starting at index `at`, wrapping. */
function ringWrite(ring: Uint8Array, at: i32, data: Uint8Array, from: i32, n: i32): void {
  const cap: i32 = ring.length;
  let to: i32 = at;
  let i: i32 = 0;
  while (i < n) {
    const run: i32 = Math.min(n - i, cap - to);
    ring.set(data.subarray(from + i, from + i + run), to);
    i += run;
    to = (to + run) % cap;
  }
}

/** The size of a ring when it is first needed. */
const FIRST_RING: i32 = 2048;

/** A ring that holds `need` octets: `ring`, or a larger one (doubling, at most `capacity`) with
 *  the `length` octets from `head` moved to its start (so the caller's head becomes 0). */
function roomFor(ring: Uint8Array, head: i32, length: i32, need: i32, capacity: i32): Uint8Array {
  if (need <= ring.length) {
    return ring;
  }
  let size: i32 = ring.length === 0 ? FIRST_RING : ring.length;
  while (size < need) {
    size *= 2;
  }
  const grown = new Uint8Array(Math.min(size, capacity));
  if (length > 0) {
    ringRead(ring, head, grown, 0, length);
  }
  return grown;
}

/** Copies n octets of the ring `ring` from index `at`, wrapping, into dst[to…]. */
function ringRead(ring: Uint8Array, at: i32, dst: Uint8Array, to: i32, n: i32): void {
  const cap: i32 = ring.length;
  let from: i32 = at;
  let i: i32 = 0;
  while (i < n) {
    const run: i32 = Math.min(n - i, cap - from);
    dst.set(ring.subarray(from, from + run), to + i);
    i += run;
    from = (from + run) % cap;
  }
}

export class TcpSendBuffer {
  private bytes = new Uint8Array(0);
  private head: i32 = 0;
  /** Octets held: unacknowledged plus unsent. */
  length: i32 = 0;

  constructor(readonly capacity: i32) {}

  free(): i32 {
    return this.capacity - this.length;
  }

  /** Appends as much of data[from, from + n) as fits; returns how much it took. */
  write(data: Uint8Array, from: i32, n: i32): i32 {
    const take: i32 = Math.min(n, this.capacity - this.length);
    const ring = roomFor(this.bytes, this.head, this.length, this.length + take, this.capacity);
    if (ring !== this.bytes) {
      this.bytes = ring;
      this.head = 0;
    }
    if (take > 0) {
      ringWrite(this.bytes, (this.head + this.length) % this.bytes.length, data, from, take);
    }
    this.length += take;
    return take;
  }

  /** Copies n octets starting `offset` octets past SND.UNA into dst[at…]. */
  copyOut(offset: i32, n: i32, dst: Uint8Array, at: i32): void {
    ringRead(this.bytes, (this.head + offset) % this.bytes.length, dst, at, n);
  }

  /** Releases n acknowledged octets from the front. */
  release(n: i32): void {
    const k: i32 = Math.min(n, this.length);
    if (k > 0) {
      this.head = (this.head + k) % this.bytes.length;
      this.length -= k;
    }
  }

  /** Gives the ring back to the heap when it holds nothing (a write would make a new one). */
  dropStorage(): void {
    if (this.length === 0) {
      this.bytes = new Uint8Array(0);
      this.head = 0;
    }
  }
}

/** A segment received ahead of a gap: its first sequence number and a copy of its octets. */
class Pending {
  constructor(
    readonly seq: number,
    readonly data: Uint8Array,
  ) {}
}

export class TcpReceiveBuffer {
  private bytes = new Uint8Array(0);
  private head: i32 = 0;
  /** In-order octets not yet read by the application. */
  length: i32 = 0;
  /** RCV.NXT: the next sequence number expected. */
  next = 0;
  /** Out-of-order segments, sorted by sequence number. */
  private readonly pending: Pending[] = [];
  /** At most this many out-of-order segments are kept. */
  maxPending: i32 = 64;
  /** Out-of-order segments not kept: beyond the window, or the store full. */
  dropped = 0;
  /** The first sequence number of the out-of-order segment kept last (RFC 2018 §4: the SACK
   *  block holding it goes first). */
  private latest = 0;

  constructor(readonly capacity: i32) {}

  /** The receive window: free space in the ring. */
  window(): i32 {
    return this.capacity - this.length;
  }

  /** Segments held out of order. */
  pendingSegments(): i32 {
    return this.pending.length;
  }

  /**
   * Takes the octets frame[start, start + n), which carry sequence numbers from `seq`: the
   * part at RCV.NXT is appended (and any out-of-order segments it reaches), a part ahead of a
   * gap is kept aside, a part already received is ignored. Returns how far RCV.NXT advanced.
   */
  accept(seq: number, frame: Uint8Array, start: i32, n: i32): i32 {
    const before = this.next;
    const d: i32 = seqDiff(seq, this.next);
    if (d > 0) {
      this.keepAside(seq, frame, start, n);
      return 0;
    }
    this.append(frame, start - d, n + d);
    this.drainPending();
    return seqDiff(this.next, before);
  }

  /** Writes the SACK blocks (RFC 2018 §4) for the segments held out of order into
   *  left/right, at most `max`: the block holding the segment kept last first, then the others
   *  from the lowest; returns their count. Touching kept segments make one block. */
  sackBlocks(left: number[], right: number[], max: i32): i32 {
    let count: i32 = 0;
    let first: i32 = -1;
    let i: i32 = 0;
    // Contiguous runs of the sorted store, as [left, right).
    const lefts: number[] = [];
    const rights: number[] = [];
    while (i < this.pending.length) {
      const l = this.pending[i].seq;
      let r = seqAdd(l, this.pending[i].data.length);
      let holdsLatest = this.pending[i].seq === this.latest;
      i++;
      while (i < this.pending.length && seqDiff(this.pending[i].seq, r) <= 0) {
        const end = seqAdd(this.pending[i].seq, this.pending[i].data.length);
        if (seqDiff(end, r) > 0) {
          r = end;
        }
        holdsLatest = holdsLatest || this.pending[i].seq === this.latest;
        i++;
      }
      if (holdsLatest) {
        first = lefts.length;
      }
      lefts.push(l);
      rights.push(r);
    }
    if (first >= 0 && max > 0) {
      left[0] = lefts[first];
      right[0] = rights[first];
      count = 1;
    }
    for (let k: i32 = 0; k < lefts.length && count < max; k++) {
      if (k !== first) {
        left[count] = lefts[k];
        right[count] = rights[k];
        count++;
      }
    }
    return count;
  }

  /** Reads up to `max` octets into a new array (empty when nothing is buffered). */
  read(max: i32): Uint8Array {
    const n: i32 = Math.min(max, this.length);
    const out = new Uint8Array(n);
    if (n > 0) {
      ringRead(this.bytes, this.head, out, 0, n);
      this.head = (this.head + n) % this.bytes.length;
    }
    this.length -= n;
    return out;
  }

  /** Gives the ring and any out-of-order segments back to the heap when the application has
   *  read everything (TIME-WAIT: no more data can arrive). */
  dropStorage(): void {
    if (this.length === 0) {
      this.bytes = new Uint8Array(0);
      this.head = 0;
      this.pending.splice(0, this.pending.length);
    }
  }

  /** Appends frame[from, from + n) at RCV.NXT, as much as the window takes. */
  private append(frame: Uint8Array, from: i32, n: i32): void {
    const cap: i32 = this.capacity;
    const take: i32 = Math.min(n, cap - this.length);
    if (take <= 0) {
      return;
    }
    const ring = roomFor(this.bytes, this.head, this.length, this.length + take, cap);
    if (ring !== this.bytes) {
      this.bytes = ring;
      this.head = 0;
    }
    ringWrite(this.bytes, (this.head + this.length) % this.bytes.length, frame, from, take);
    this.length += take;
    this.next = seqAdd(this.next, take);
  }

  private keepAside(seq: number, frame: Uint8Array, start: i32, n: i32): void {
    const offset: i32 = seqDiff(seq, this.next);
    const room: i32 = this.window() - offset;
    const keep: i32 = Math.min(n, room);
    if (keep <= 0 || this.pending.length >= this.maxPending) {
      this.dropped++;
      return;
    }
    let at: i32 = this.pending.length;
    while (at > 0 && seqDiff(this.pending[at - 1].seq, seq) > 0) {
      at--;
    }
    if (at > 0 && this.pending[at - 1].seq === seq && this.pending[at - 1].data.length >= keep) {
      return; // a duplicate of one already kept
    }
    this.pending.splice(at, 0, new Pending(seq, frame.slice(start, start + keep)));
    this.latest = seq;
  }

  /** Moves kept segments that RCV.NXT has reached into the ring. */
  private drainPending(): void {
    while (this.pending.length > 0) {
      const p = this.pending[0];
      const d: i32 = seqDiff(p.seq, this.next);
      if (d > 0) {
        return;
      }
      this.pending.shift();
      const n: i32 = p.data.length;
      if (n + d > 0) {
        this.append(p.data, -d, n + d);
      }
    }
  }
}
