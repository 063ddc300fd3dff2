// The benchmark's client: one UDP socket that sends a datagram and waits for the reply, one
// exchange at a time (the paper's "one after another"). Replies that do not match the pending
// request (late answers to an earlier, timed-out one) are dropped.

import * as dgram from 'dgram';

export class UdpExchange {
  private readonly socket = dgram.createSocket('udp4');
  private pending: { matches: (reply: Buffer) => boolean; resolve: (reply: Buffer | null) => void } | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    this.socket.on('message', (reply) => {
      const p = this.pending;
      if (p !== null && p.matches(reply)) {
        this.pending = null;
        p.resolve(reply);
      }
    });
  }

  /** Sends `request`; the first reply for which `matches` holds, or null after `timeoutMs`. */
  exchange(request: Uint8Array, matches: (reply: Buffer) => boolean, timeoutMs: number): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve(null);
      }, timeoutMs);
      this.pending = {
        matches,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      };
      this.socket.send(request, this.port, this.host);
    });
  }

  close(): void {
    this.socket.close();
  }
}
