// A DNS-over-UDP client for the tests that dig cannot express (malformed messages, zone
// transfers over UDP, thousands of queries back to back): one socket, datagrams queued as they
// arrive, and waits with a deadline. Works against any host:port, Node server or unikernel.

import * as dgram from 'dgram';

export class UdpClient {
  private readonly socket = dgram.createSocket('udp4');
  private readonly queue: Buffer[] = [];
  private waiter: (() => void) | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    this.socket.on('message', (msg) => {
      this.queue.push(msg);
      const w = this.waiter;
      this.waiter = null;
      if (w !== null) w();
    });
  }

  send(msg: Uint8Array): void {
    this.socket.send(msg, this.port, this.host);
  }

  /** The next datagram received, or null after `timeoutMs`. */
  async receive(timeoutMs: number): Promise<Buffer | null> {
    if (this.queue.length > 0) return this.queue.shift()!;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve();
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    return this.queue.length > 0 ? this.queue.shift()! : null;
  }

  /** Sends `msg` and returns the first reply carrying the same ID (others are discarded). */
  async exchange(msg: Uint8Array, timeoutMs = 2000): Promise<Buffer | null> {
    const id = (msg[0] << 8) | msg[1];
    this.send(msg);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const r = await this.receive(left);
      if (r === null) return null;
      if (r.length >= 2 && r.readUInt16BE(0) === id) return r;
    }
  }

  close(): void {
    this.socket.close();
  }
}
