// A transmit buffer a layer owns and reuses for every frame it sends, so sending allocates
// nothing: the layer writes its headers and payload at fixed offsets, the layers below write
// theirs in front, and the NIC copies the frame out before `transmit` returns.
//
// The NIC takes a Uint8Array exactly as long as the frame. Views of the buffer are made once
// per length and kept (at most one per possible length, so memory stays bounded) because a
// subarray per packet would be an allocation per packet.

import type { i32 } from 'tsuk';

/** Ethernet header (14) + the largest payload a standard frame carries (1500). */
export const MAX_FRAME = 1514;

export class TxFrame {
  readonly bytes: Uint8Array;
  private readonly views: (Uint8Array | null)[] = [];

  constructor(capacity: number = MAX_FRAME) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The first `length` bytes of the buffer, as a view sharing its memory. */
  view(length: i32): Uint8Array {
    if (length === this.bytes.length) {
      return this.bytes;
    }
    while (this.views.length <= length) {
      this.views.push(null);
    }
    let v = this.views[length];
    if (v === null) {
      v = this.bytes.subarray(0, length);
      this.views[length] = v;
    }
    return v;
  }
}
