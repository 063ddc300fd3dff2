// virtio-net over the legacy PCI transport (virtio 1.0 spec §4.1.4.8 and §5.1): QEMU's
// `-device virtio-net-pci` (transitional by default, or `disable-modern=on`).
//
// Start-up follows §3.1.1: reset, ACKNOWLEDGE, DRIVER, features, queues, DRIVER_OK. The only
// features taken are MAC (read our address from the device), STATUS (link state) and
// EVENT_IDX (drivers/virtqueue.ts: fewer interrupts and kicks, when offered): no checksum offload, no segmentation, no mergeable buffers, so every frame is one buffer
// preceded by the 10-byte `virtio_net_hdr`, all zero on transmit.
//
// Receive: RX_BUFFERS buffers of BUFFER_BYTES on queue 0, each with a Uint8Array view made
// once. A received frame is handed up as a subarray of that view — the bytes the device wrote,
// not a copy — valid until the handler returns, when the buffer goes back to the device.
// Transmit: TX_BUFFERS buffers on queue 1; a frame is copied into a free one (the stack's
// frames are short-lived), and buffers come back lazily, at the start of each receive batch or
// when a free one is needed, so transmit completions never interrupt; when all are out, transmit waits a bounded time for
// QEMU's thread to return some. Work happens only in `poll`, called by the event loop
// when the device's interrupt line fired (runtime/events/event-loop.ts registerDevice).
//
// Per packet under load (issue 14): `receive` drains the used receive buffers with the
// device's interrupts for the queue paused, in batches whose buffers go back with one publish
// each, and re-enables interrupts with the race handled (a frame that arrived meanwhile is
// drained too). Frames the handlers send during a drain are offered and published every few
// frames, so QEMU's thread sends them while the guest works on the next queries; the device
// asks for a kick — a VM exit — only when its transmit work is idle, so that is at most one
// per pass of its thread, not one per reply. A flood is handled RX_POLL_BUDGET frames per
// poll, the event loop's timers running in between. Each poll ends with one fence that holds
// under QEMU's TCG too (drivers/virtqueue.ts `deviceFence`), after which it re-checks the
// used ring and kicks for any publish whose no-kick decision read a stale avail_event.

import type { i32, u8, u16, u32 } from 'tsuk';
import { inb, inl, outb, outl, pause } from 'tsuk:hw';
import { findPciDevice, PciDevice } from './pci';
import { reserveDeviceData } from '../runtime/memory/heap';
import { DESC_WRITE, FEATURE_EVENT_IDX, REG_DEVICE_CONFIG, REG_DEVICE_FEATURES, REG_DEVICE_STATUS, REG_GUEST_FEATURES, REG_ISR_STATUS, Virtqueue } from './virtqueue';
import { memoryView } from '../runtime/js/memory-view';
import { picEdgeTriggered, picUnmask } from './pic';
import { registerDevice } from '../runtime/events/event-loop';

const VENDOR_VIRTIO: u32 = 0x1af4;
const DEVICE_NET_TRANSITIONAL: u32 = 0x1000;

const STATUS_ACKNOWLEDGE: u8 = 1;
const STATUS_DRIVER: u8 = 2;
const STATUS_DRIVER_OK: u8 = 4;
const STATUS_FAILED: u8 = 128;

const FEATURE_MAC: u32 = 1 << 5;
const FEATURE_STATUS: u32 = 1 << 16;
const LINK_UP: u32 = 1;

const RX_QUEUE: i32 = 0;
const TX_QUEUE: i32 = 1;
/** The legacy header without mergeable buffers (§5.1.6). */
export const NET_HEADER_BYTES: u32 = 10;
/** A full Ethernet frame (1514 bytes) after the header, rounded up. */
const BUFFER_BYTES: u32 = 2048;
const RX_BUFFERS: u32 = 256;
const TX_BUFFERS: u32 = 256;
/** How long transmit waits for the device to return a buffer when all are out (pause loops). */
const TX_WAIT_SPINS: i32 = 1000000;
/** Inside a receive batch, replies are published to the device every this many frames: the
 *  device's thread sends them while the guest handles the next queries (publishing only at the
 *  end of a batch held every reply of it back, and under dnsperf the client then sat idle with
 *  all its queries in the guest; QEMU was busy 52–66 % of its core, 77–88 % with this). The
 *  device asks for a kick only when its transmit work is idle (EVENT_IDX), so a publish here
 *  is a few stores, and a kick at most once per pass of its thread. */
const TX_PUBLISH_EVERY: u32 = 16;
/** Receive buffers go back to the device after at most this many frames. */
const RX_BATCH: u32 = 32;
/** Frames handled per call of `poll` before the event loop gets a turn (its timers). */
const RX_POLL_BUDGET: u32 = 128;
/** Ethernet's minimum frame without the FCS: shorter ones are padded with zeros. */
const MIN_FRAME: u32 = 60;

/** What the driver counted: frames in and out, and why any were dropped. */
export class VirtioNetCounters {
  rxFrames: number = 0;
  rxBytes: number = 0;
  txFrames: number = 0;
  txBytes: number = 0;
  /** A frame could not be sent: every transmit buffer was still with the device. */
  txRingFull: number = 0;
  /** A frame longer than a buffer was asked to be sent. */
  txTooLong: number = 0;
  /** The device returned a receive buffer shorter than the virtio-net header. */
  rxRunt: number = 0;
  /** The stack threw while handling a frame (the frame is dropped, the service goes on). */
  rxHandlerErrors: number = 0;
  interrupts: number = 0;
  /** Passes of `receive`'s drain loop that found frames (frames / batches = batch size). */
  rxBatches: number = 0;
}

export class VirtioNet {
  /** Our Ethernet address, from the device's configuration. */
  readonly mac: Uint8Array = new Uint8Array(6);
  /** The stack's receive entry point (net/inet.ts Inet.receive); until set, frames are dropped. */
  onFrame: (frame: Uint8Array) => void = (frame: Uint8Array) => {};
  readonly counters: VirtioNetCounters = new VirtioNetCounters();
  private readonly io: u16;
  private readonly features: u32;
  private readonly rx: Virtqueue;
  private readonly tx: Virtqueue;
  private readonly rxViews: Uint8Array[] = [];
  private readonly txViews: Uint8Array[] = [];
  /** Transmit descriptor ids not with the device. */
  private readonly txFree: u32[] = [];
  /** Inside `receive`: frames sent are offered, and published once the batch is handled. */
  private batching = false;

  /** The first virtio-net device of the machine, started; null when there is none. */
  static find(): VirtioNet | null {
    const pci = findPciDevice(VENDOR_VIRTIO, DEVICE_NET_TRANSITIONAL);
    if (pci === null || pci.ioBase(0) === 0) {
      return null;
    }
    return new VirtioNet(pci);
  }

  constructor(readonly pci: PciDevice) {
    pci.enable();
    const io: u16 = pci.ioBase(0);
    this.io = io;
    outb(io + REG_DEVICE_STATUS, 0); // reset
    outb(io + REG_DEVICE_STATUS, STATUS_ACKNOWLEDGE);
    outb(io + REG_DEVICE_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    this.features = inl(io + REG_DEVICE_FEATURES) & (FEATURE_MAC | FEATURE_STATUS | FEATURE_EVENT_IDX);
    outl(io + REG_GUEST_FEATURES, this.features);
    for (let i = 0; i < 6; i++) {
      this.mac[i] = inb(io + REG_DEVICE_CONFIG + i);
    }
    this.rx = new Virtqueue(io, RX_QUEUE);
    this.tx = new Virtqueue(io, TX_QUEUE);
    if (this.rx.size === 0 || this.tx.size === 0) {
      outb(io + REG_DEVICE_STATUS, STATUS_FAILED);
      throw new Error('virtio-net: the device has no receive or transmit queue');
    }
    if ((this.features & FEATURE_EVENT_IDX) !== 0) {
      this.rx.useEventIndex();
      this.tx.useEventIndex();
    }
    const rxCount: u32 = this.rx.size < RX_BUFFERS ? this.rx.size : RX_BUFFERS;
    const txCount: u32 = this.tx.size < TX_BUFFERS ? this.tx.size : TX_BUFFERS;
    const rxMemory: u32 = reserveDeviceData(rxCount * BUFFER_BYTES);
    for (let id: u32 = 0; id < rxCount; id++) {
      const addr: u32 = rxMemory + id * BUFFER_BYTES;
      this.rxViews.push(memoryView(addr, BUFFER_BYTES));
      this.rx.setBuffer(id, addr, BUFFER_BYTES, DESC_WRITE);
      this.rx.offer(id);
    }
    const txMemory: u32 = reserveDeviceData(txCount * BUFFER_BYTES);
    for (let id: u32 = 0; id < txCount; id++) {
      const addr: u32 = txMemory + id * BUFFER_BYTES;
      this.txViews.push(memoryView(addr, BUFFER_BYTES));
      this.tx.setBuffer(id, addr, 0, 0);
      this.txFree.push(id);
    }
    this.tx.suppressInterrupts();
    outb(io + REG_DEVICE_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
    this.rx.publish();
    const irq: i32 = pci.interruptLine();
    if (irq > 0 && irq < 16) {
      registerDevice(irq, (interrupted: boolean) => this.poll(interrupted));
      picEdgeTriggered(irq);
      picUnmask(irq);
    }
  }

  /** Whether the link is up (always, when the device does not report link state). */
  linkUp(): boolean {
    if ((this.features & FEATURE_STATUS) === 0) {
      return true;
    }
    return ((inb(this.io + REG_DEVICE_CONFIG + 6) | (inb(this.io + REG_DEVICE_CONFIG + 7) << 8)) & LINK_UP) !== 0;
  }

  /** Sends one Ethernet frame (header included, no FCS). The bytes are copied. */
  transmit(frame: Uint8Array): void {
    if (frame.length > BUFFER_BYTES - NET_HEADER_BYTES) {
      this.counters.txTooLong++;
      return;
    }
    if (this.txFree.length === 0) {
      // QEMU sends our frames from its own thread after the kick: give it a moment before
      // giving up on this frame (a burst of replies can outrun it).
      this.tx.publishConfirmed(); // the frames of this batch so far: the device cannot return unseen ones
      this.reclaim();
      for (let spin = 0; this.txFree.length === 0 && spin < TX_WAIT_SPINS; spin++) {
        pause();
        this.reclaim();
      }
      if (this.txFree.length === 0) {
        this.counters.txRingFull++;
        return;
      }
    }
    const id: u32 = this.txFree.pop()!;
    const buffer = this.txViews[id];
    buffer.set(frame, NET_HEADER_BYTES);
    let length: u32 = frame.length;
    if (length < MIN_FRAME) {
      buffer.fill(0, NET_HEADER_BYTES + length, NET_HEADER_BYTES + MIN_FRAME);
      length = MIN_FRAME;
    }
    this.tx.setLength(id, NET_HEADER_BYTES + length);
    this.tx.offer(id);
    if (!this.batching) {
      this.tx.publishConfirmed(); // nothing after this frame may kick for it
    } else if (this.tx.unpublished() >= TX_PUBLISH_EVERY) {
      this.tx.publish(); // confirmed at the end of the poll (receive)
    }
    this.counters.txFrames++;
    this.counters.txBytes += length;
  }

  /** Takes back the transmit buffers the device is done with. */
  private reclaim(): void {
    while (this.tx.hasUsed()) {
      this.txFree.push(this.tx.takeUsed());
    }
    this.tx.suppressInterrupts(); // with event indices: moved ahead of what was just taken
  }

  /** Handles what the device did since the last call: received frames, sent buffers. Called
   *  by the event loop after the device's interrupt (`interrupted`) or because the last call
   *  returned true: it stopped at its budget with frames left, to let timers run. */
  poll(interrupted: boolean): boolean {
    if (interrupted) {
      // Reading the ISR acknowledges the interrupt and lowers the (level-triggered) line.
      inb(this.io + REG_ISR_STATUS);
      this.counters.interrupts++;
    }
    return this.receive();
  }

  /** A handler threw: the frame is dropped and the service goes on (DESIGN.md §1.5), but the
   *  error is printed — the first ten, then every thousandth, so a flood cannot drown the console. */
  private handlerFailed(e: unknown): void {
    const n = ++this.counters.rxHandlerErrors;
    if (n <= 10 || n % 1000 === 0) {
      const what = e instanceof Error ? e.name + ': ' + e.message : 'a non-Error value';
      console.log('virtio-net: dropped a frame, its handler threw ' + what + ' (' + n + ' so far)');
    }
  }

  /** Hands received frames to `onFrame`, in batches of up to RX_BATCH: each batch's buffers go
   *  back to the device with one publish, and the replies sent while handling it go out every
   *  TX_PUBLISH_EVERY frames (see `transmit`); then interrupts are asked for again, and if a
   *  frame came in meanwhile, another batch. After RX_POLL_BUDGET frames it returns true with
   *  interrupts still paused, and the event loop calls `poll` again after its timers. */
  receive(): boolean {
    this.batching = true;
    let handled: u32 = 0;
    do {
      this.rx.pauseInterrupts();
      while (this.rx.hasUsed()) {
        if (handled >= RX_POLL_BUDGET) {
          this.tx.publish();
          this.confirmKicks(true);
          this.batching = false;
          return true;
        }
        this.counters.rxBatches++;
        // Transmit buffers the device returned since the last batch, taken back now rather
        // than when the free list runs dry in the middle of a batch, where `transmit` would
        // have to kick the device early and wait for its thread (under dnsperf that wait was a
        // fifth of the driver's samples).
        if (this.tx.hasUsed()) {
          this.reclaim();
        }
        handled += this.drain(RX_BATCH);
        this.rx.publish();
        this.tx.publish();
      }
    } while (!this.rx.enableInterrupts());
    this.confirmKicks(false); // enableInterrupts fenced
    this.batching = false;
    return false;
  }

  /** The publishes of a poll decided whether to kick from reads that QEMU's TCG may have left
   *  stale (drivers/virtqueue.ts, header): after a fence, kick the queues whose device asked
   *  meanwhile — a missed one left QEMU waiting for buffers or with replies unsent for good. */
  private confirmKicks(fence: boolean): void {
    if (fence) {
      this.rx.deviceFence();
    }
    this.rx.confirmKick();
    this.tx.confirmKick();
  }

  /** Up to `budget` used receive buffers to `onFrame`; returns how many were taken. One
   *  exception handler for the whole drain, not one per frame (setting one up was a tenth of a
   *  query's time): a frame whose handler throws is dropped and counted, and the drain goes on
   *  with the next. Each buffer is offered again before its frame is handled, so a throw cannot
   *  lose it; the device sees it only at the publish after the drain, when the frame is no
   *  longer read. */
  private drain(budget: u32): u32 {
    let taken: u32 = 0;
    while (taken < budget && this.rx.hasUsed()) {
      try {
        while (taken < budget && this.rx.hasUsed()) {
          const id: u32 = this.rx.takeUsed();
          const length: u32 = this.rx.usedLength;
          this.rx.offer(id);
          taken++;
          if (length < NET_HEADER_BYTES || id >= this.rxViews.length) {
            this.counters.rxRunt++;
          } else {
            this.counters.rxFrames++;
            this.counters.rxBytes += length - NET_HEADER_BYTES;
            this.onFrame(this.rxViews[id].subarray(NET_HEADER_BYTES, length));
          }
        }
      } catch (e) {
        this.handlerFailed(e);
      }
    }
    return taken;
  }
}
