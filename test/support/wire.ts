// The test's end of a QEMU `dgram` wire (test/support/guest.ts dgramNetArgs): frames to the
// guest, frames from it, ARP requests for the peer answered; and the frame mutations the
// raw-frame fuzz tests (test/net-frames*.test.ts) send.

import * as dgram from 'dgram';
import { arp, ethernet, ip } from '../net/frames';
import { bootGuest, compileImage, dgramNetArgs, freeUdpPort, Guest } from './guest';

/** The test's end of the wire: frames to the guest, frames from it. */
export class Wire {
  private readonly queue: Buffer[] = [];
  private waiter: (() => void) | null = null;
  answerArp = true;

  constructor(
    private readonly socket: dgram.Socket,
    private readonly guestPort: number,
    private readonly peerMac: Buffer,
    private readonly peerIp: string,
  ) {
    socket.on('message', (frame) => {
      if (this.answerArp && this.isArpRequestForPeer(frame)) {
        this.send(ethernet(frame.subarray(6, 12), this.peerMac, 0x0806, arp(2, this.peerMac, ip(this.peerIp), frame.subarray(22, 28), frame.readUInt32BE(28))));
        return;
      }
      this.queue.push(frame);
      this.waiter?.();
    });
  }

  private isArpRequestForPeer(f: Buffer): boolean {
    return f.length >= 42 && f.readUInt16BE(12) === 0x0806 && f.readUInt16BE(20) === 1 && f.readUInt32BE(38) === ip(this.peerIp);
  }

  send(frame: Buffer): void {
    this.socket.send(frame, this.guestPort, '127.0.0.1');
  }

  /** The next frame from the guest that `match` accepts (others are dropped). */
  async next(match: (f: Buffer) => boolean, ms = 5000): Promise<Buffer> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (this.queue.length > 0) {
        const f = this.queue.shift()!;
        if (match(f)) return f;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching frame from the guest');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** One random damage to a frame: truncation, flipped bytes, a rewritten length, garbage
 *  appended, the IHL/version byte, or pure noise. */
export function mutateFrame(frame: Buffer, rand: () => number): Buffer {
  switch (rand() % 6) {
    case 0: // truncated anywhere (not to nothing: QEMU's dgram backend stops on an empty datagram)
      return frame.subarray(0, 1 + (rand() % frame.length));
    case 1: {
      // a few bytes flipped (headers, lengths, checksums)
      const f = Buffer.from(frame);
      for (let n = 1 + (rand() % 4); n > 0; n--) f[rand() % f.length] ^= 1 + (rand() % 255);
      return f;
    }
    case 2: {
      // a length field rewritten: IP total length or UDP length
      const f = Buffer.from(frame);
      if (f.length >= 18) f.writeUInt16BE(rand() % 65536, rand() % 2 === 0 ? 16 : Math.min(f.length - 2, 38));
      return f;
    }
    case 3: // extended with garbage
      return Buffer.concat([frame, Buffer.from(Array.from({ length: rand() % 200 }, () => rand() & 255))]);
    case 4: {
      // IHL / version byte rewritten
      const f = Buffer.from(frame);
      if (f.length > 14) f[14] = rand() & 255;
      return f;
    }
    default: // pure noise, sometimes a broadcast storm
      return Buffer.from(Array.from({ length: 1 + (rand() % 1514) }, (_, i) => (i < 6 && rand() % 2 === 0 ? 0xff : rand() & 255)));
  }
}

/** Boots `example` with a static `guestIp` on a dgram wire whose other end is the returned
 *  Wire (as `peerIp`/`peerMac`, also the gateway), once it prints 'listening'. */
export async function bootOnWire(example: string, guestIp: string, guestMac: Buffer, peerIp: string, peerMac: Buffer): Promise<{ guest: Guest; wire: Wire; socket: dgram.Socket }> {
  const image = compileImage(example, { TSUK_ADDRESS: guestIp, TSUK_NETMASK: '255.255.255.0', TSUK_GATEWAY: peerIp });
  const guestPort = await freeUdpPort();
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const wire = new Wire(socket, guestPort, peerMac, peerIp);
  const guest = bootGuest(image, dgramNetArgs(guestPort, socket.address().port, guestMac.toString('hex').match(/../g)!.join(':')));
  await guest.waitFor('listening', 60000);
  return { guest, wire, socket };
}
