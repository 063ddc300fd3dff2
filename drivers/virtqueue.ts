// A virtqueue of the legacy virtio PCI transport (virtio 1.0 spec §2.6 "split virtqueues" and
// §4.1.4.8 "legacy interfaces"): the ring layout the device fixes, in memory we give it.
//
//   descriptor table  size × 16 B   { u64 addr, u32 len, u16 flags, u16 next }
//   available ring    6 + 2·size B  { u16 flags, u16 idx, u16 ring[size], u16 used_event }
//   (padding to the next 4096)
//   used ring         6 + 8·size B  { u16 flags, u16 idx, { u32 id, u32 len } ring[size], u16 avail_event }
//
// The legacy device decides the queue size and is told where the rings are by one page frame
// number, so the whole area is 4096-aligned. The driver puts descriptor ids on the available
// ring and the device returns them on the used ring; both indices run freely modulo 2^16.
// Here every buffer is one descriptor (no chains): the drivers above keep one buffer per
// descriptor for the life of the queue.
//
// Notifications both ways (virtio 1.0 §2.4.7 interrupt suppression, §2.4.9 notification
// suppression) follow VIRTIO_F_EVENT_IDX when the driver
// negotiated it (`useEventIndex`), else the two flags. With event indices the driver writes
// `used_event` ("interrupt me when you write used entry number used_event") and the device
// writes `avail_event` ("kick me when you make available entry number avail_event"); each side
// checks whether the other's index fell inside the entries it just added (`needEvent`).
// A driver that leaves used_event behind while it drains the ring therefore gets
// at most one interrupt per drain. Re-enabling races with the device adding an entry: the
// driver writes used_event (or clears the flag), fences, and looks at the used index again
// (`enableInterrupts` returns false when there is more to take).
//
// The fence is `mfence` *and* an I/O read (`deviceFence`). Both sides of each handshake store
// then load (driver: used_event then the used index, or the available index then avail_event;
// device: the reverse), so each needs a store-load barrier, or both read the old values and
// each waits for the other: the driver sleeps in hlt with frames in the ring and no interrupt
// coming, or QEMU waits for a kick that never comes. QEMU's TCG before 8.1 drops a
// uniprocessor guest's `mfence` (and `lock` prefixes; upstream "tcg: Do not elide memory
// barriers for !CF_PARALLEL in system mode", June 2023), while the device runs on QEMU's main
// thread; QEMU 7.2 here lost a wake-up about once in 100 000 fuzz frames
// (test/net-frames.test.ts: the ring showed used index 33269, used_event 33264, our index
// 33264, and the CPU in hlt). An IN waits for earlier stores to drain on x86 (SDM vol. 1
// §19.6), and under TCG it takes QEMU's big lock, a host barrier. It costs an exit, so it is
// paid once per drain (`enableInterrupts`) and when a publish decided not to kick
// (`confirmKick`), not per frame.
//
// Ring and buffer memory comes from `reserveDeviceData`: paging is off, so an address is also
// what the device is given, and memory a device holds must never move nor be reused. The rings
// hold descriptor ids, lengths and buffer addresses, never a heap reference, so the collector
// does not scan them (pairs of 16-bit ids read as one word look like heap addresses).

import type { i32, u16, u32 } from 'tsuk';
import { inb, inw, load16, load32, mfence, outl, outw, store16, store32 } from 'tsuk:hw';
import { reserveDeviceData } from '../runtime/memory/heap';

/** Legacy register offsets in the I/O BAR (§4.1.4.8). */
export const REG_DEVICE_FEATURES: u16 = 0x00;
export const REG_GUEST_FEATURES: u16 = 0x04;
const REG_QUEUE_ADDRESS: u16 = 0x08;
const REG_QUEUE_SIZE: u16 = 0x0c;
const REG_QUEUE_SELECT: u16 = 0x0e;
const REG_QUEUE_NOTIFY: u16 = 0x10;
export const REG_DEVICE_STATUS: u16 = 0x12;
export const REG_ISR_STATUS: u16 = 0x13;
/** Device-specific configuration, when MSI-X is not enabled. */
export const REG_DEVICE_CONFIG: u16 = 0x14;

/** VIRTIO_F_EVENT_IDX: used_event and avail_event instead of the ring flags (§6, bit 29). */
export const FEATURE_EVENT_IDX: u32 = 1 << 29;

const PAGE: u32 = 4096;
/** Descriptor flag: the device writes this buffer (receive) rather than reads it. */
export const DESC_WRITE: u16 = 2;
/** Available-ring flag: no interrupt needed when the device uses a buffer. */
const AVAIL_NO_INTERRUPT: u16 = 1;
/** Used-ring flag: the device does not need a notification for new buffers. */
const USED_NO_NOTIFY: u16 = 1;

export class Virtqueue {
  readonly size: u32;
  private readonly desc: u32;
  private readonly avail: u32;
  private readonly used: u32;
  /** The used index up to which this driver has taken buffers back. */
  private lastUsed: u32 = 0;
  /** The available index as written so far (published to the device by `publish`). */
  private nextAvail: u32 = 0;
  /** The available index the device was last shown. */
  private published: u32 = 0;
  /** The available index before the first publish since the last fenced look at avail_event
   *  that did not kick (`confirmKick` looks again); equal to `published` when none is owed. */
  private unconfirmed: u32 = 0;
  /** VIRTIO_F_EVENT_IDX was negotiated: notifications follow used_event / avail_event. */
  private eventIdx = false;
  /** Length the device wrote for the buffer `takeUsed` returned last. */
  usedLength: u32 = 0;

  /** Sets up queue `index` of the device at I/O base `io`; size 0 means it does not exist. */
  constructor(
    private readonly io: u16,
    readonly index: i32,
  ) {
    outw(io + REG_QUEUE_SELECT, index);
    this.size = inw(io + REG_QUEUE_SIZE);
    const ringBytes: u32 = (this.size * 16 + 6 + this.size * 2 + PAGE - 1) & ~(PAGE - 1);
    const usedBytes: u32 = (6 + this.size * 8 + PAGE - 1) & ~(PAGE - 1);
    this.desc = this.size === 0 ? 0 : reserveDeviceData(ringBytes + usedBytes);
    this.avail = this.desc + this.size * 16;
    this.used = this.desc + ringBytes;
    if (this.size !== 0) {
      outl(io + REG_QUEUE_ADDRESS, this.desc >>> 12); // its page frame number
    }
  }

  /** Points descriptor `id` at `len` bytes at `addr` (one buffer, no chaining). */
  setBuffer(id: u32, addr: u32, len: u32, flags: u16): void {
    const d: u32 = this.desc + id * 16;
    store32(d, addr);
    store32(d + 4, 0);
    store32(d + 8, len);
    store16(d + 12, flags);
    store16(d + 14, 0);
  }

  /** Changes only the length of descriptor `id` (a transmit buffer reused for a new frame). */
  setLength(id: u32, len: u32): void {
    store32(this.desc + id * 16 + 8, len);
  }

  /** Queues descriptor `id` for the device; it sees it after `publish`. */
  offer(id: u32): void {
    store16(this.avail + 4 + (this.nextAvail % this.size) * 2, id);
    this.nextAvail = (this.nextAvail + 1) & 0xffff;
  }

  /** Descriptors offered since the last `publish`. */
  unpublished(): u32 {
    return (this.nextAvail - this.published) & 0xffff;
  }

  /** The driver negotiated VIRTIO_F_EVENT_IDX (before DRIVER_OK). */
  useEventIndex(): void {
    this.eventIdx = true;
  }

  /** Makes the offered descriptors visible and kicks the device if it asked for kicks. One
   *  call after a batch of `offer`s costs at most one kick (a VM exit) for the whole batch. */
  publish(): void {
    const old: u32 = this.published;
    const now: u32 = this.nextAvail;
    if (now === old) {
      return;
    }
    // x86 keeps stores in order, so the ring entries are visible before the index; the fence
    // keeps the read of the device's wish below from passing the index store (the device
    // writes its wish and then reads our index, with its own barrier between).
    store16(this.avail + 2, now);
    this.published = now;
    mfence();
    // Not kicking leaves `unconfirmed` behind `published`: the read may have been stale.
    if (this.wantsKick(now, old)) {
      this.kick();
    }
  }

  /** Publishes, and when that did not kick, looks again after `deviceFence`: for a publish
   *  after which the driver may wait (a transmit outside a receive batch, a full ring). */
  publishConfirmed(): void {
    this.publish();
    if (this.unconfirmed !== this.published) {
      this.deviceFence();
      this.confirmKick();
    }
  }

  /** After `deviceFence` (its own, or `enableInterrupts`'s): kicks if the device asked for an
   *  entry published since the last confirmed decision, a wish an earlier read missed. With
   *  event indices, only if the device also returned every entry before that one: a device
   *  that stopped for want of a kick has (QEMU's virtio-net returns each buffer before taking
   *  the next), while one that asked and then found our index moved is busy past it, and a
   *  kick would be a VM exit for nothing (test/net-batch.test.ts counts them). */
  confirmKick(): void {
    const from: u32 = this.unconfirmed;
    const now: u32 = this.published;
    this.unconfirmed = now;
    if (from === now) {
      return;
    }
    if (this.eventIdx) {
      const event: u32 = load16(this.used + 4 + this.size * 8); // avail_event
      if (needEvent(event, now, from) && load16(this.used + 2) === event) {
        this.kick();
      }
    } else if (this.wantsKick(now, from)) {
      this.kick();
    }
  }

  /** A store-load barrier that holds under QEMU's TCG too (see header): mfence, then a read of
   *  the device's status register, which has no side effect. */
  deviceFence(): void {
    mfence();
    inb(this.io + REG_DEVICE_STATUS);
  }

  /** Whether the device asked to be notified of available entries old … now − 1. */
  private wantsKick(now: u32, old: u32): boolean {
    return this.eventIdx
      ? needEvent(load16(this.used + 4 + this.size * 8), now, old) // avail_event
      : (load16(this.used) & USED_NO_NOTIFY) === 0;
  }

  private kick(): void {
    outw(this.io + REG_QUEUE_NOTIFY, this.index);
    this.unconfirmed = this.published; // a kick covers everything published so far
  }

  /** Asks the device not to interrupt when it uses buffers of this queue (transmit, whose
   *  buffers are taken back lazily). With event indices: used_event half the index space
   *  ahead, moved on each time buffers are taken back, so it is never reached. */
  suppressInterrupts(): void {
    if (this.eventIdx) {
      store16(this.avail + 4 + this.size * 2, (this.lastUsed + 0x8000) & 0xffff);
    } else {
      store16(this.avail, AVAIL_NO_INTERRUPT);
    }
  }

  /** While the driver drains the ring the device need not interrupt. With event indices
   *  nothing is written: used_event already lies behind the entries being drained. */
  pauseInterrupts(): void {
    if (!this.eventIdx) {
      store16(this.avail, AVAIL_NO_INTERRUPT);
    }
  }

  /** Asks for an interrupt at the next used buffer. False when one arrived before the device
   *  could have seen the request: the caller drains again (else that buffer would wait for
   *  the next interrupt, which may never come). Fenced with `deviceFence`, so the caller may
   *  `confirmKick` its queues after it without another. */
  enableInterrupts(): boolean {
    if (this.eventIdx) {
      store16(this.avail + 4 + this.size * 2, this.lastUsed); // used_event
    } else {
      store16(this.avail, 0);
    }
    this.deviceFence();
    return !this.hasUsed();
  }

  /** Whether the device has returned buffers not yet taken. */
  hasUsed(): boolean {
    return load16(this.used + 2) !== this.lastUsed;
  }

  /** The next returned descriptor id; its written length is left in `usedLength`. */
  takeUsed(): u32 {
    const entry: u32 = this.used + 4 + (this.lastUsed % this.size) * 8;
    this.lastUsed = (this.lastUsed + 1) & 0xffff;
    this.usedLength = load32(entry + 4);
    return load32(entry);
  }
}

/** The spec's vring_need_event: the other side asked to hear of entry number `event`; this
 *  update moved the index from `old` to `now`: was that entry among the ones just added
 *  (old … now − 1)? All modulo 2^16. */
export function needEvent(event: u32, now: u32, old: u32): boolean {
  return ((now - event - 1) & 0xffff) < ((now - old) & 0xffff);
}
