// A DNS-over-TCP client for what dig and kdig cannot be made to do: write a message in pieces
// of any size with pauses between them (so they leave in separate segments), several messages
// in one write, and watch when the server closes. Replies are read with their 2-octet length
// (RFC 1035 §4.2.2) and queued in arrival order.

import * as net from 'net';

export class TcpDnsClient {
  private readonly socket: net.Socket;
  private pending = Buffer.alloc(0);
  private readonly replies: Buffer[] = [];
  private wake: (() => void) | null = null;
  /** Set when the server ended or reset the connection, with Date.now() at that moment. */
  closedAt: number | null = null;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.pending = Buffer.concat([this.pending, d]);
      while (this.pending.length >= 2 && this.pending.length >= 2 + this.pending.readUInt16BE(0)) {
        const n = this.pending.readUInt16BE(0);
        this.replies.push(this.pending.subarray(2, 2 + n));
        this.pending = this.pending.subarray(2 + n);
      }
      this.poke();
    });
    const closed = () => {
      if (this.closedAt === null) this.closedAt = Date.now();
      this.poke();
    };
    socket.on('end', closed);
    socket.on('close', closed);
    socket.on('error', closed);
  }

  static connect(host: string, port: number): Promise<TcpDnsClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => resolve(new TcpDnsClient(s)));
      s.once('error', reject);
    });
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    if (w !== null) w();
  }

  /** Writes raw octets (framing is the caller's). */
  write(octets: Uint8Array): void {
    this.socket.write(octets);
  }

  /** Writes `octets` in pieces of `piece` octets, `pauseMs` apart. */
  async writeInPieces(octets: Uint8Array, piece: number, pauseMs: number): Promise<void> {
    for (let i = 0; i < octets.length; i += piece) {
      this.socket.write(octets.subarray(i, i + piece));
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  /** The next reply, or null after `timeoutMs` or once the connection closed. */
  async receive(timeoutMs: number): Promise<Buffer | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0 && this.closedAt === null && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return this.replies.length > 0 ? this.replies.shift()! : null;
  }

  /** Resolves with Date.now() when the server closes, or null after `timeoutMs`. */
  async closed(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.closedAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closedAt;
  }

  /** Half-closes: our FIN after what was written. */
  end(): void {
    this.socket.end();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** `msg` behind its 2-octet length. */
export function framed(msg: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + msg.length);
  out.writeUInt16BE(msg.length, 0);
  out.set(msg, 2);
  return out;
}
