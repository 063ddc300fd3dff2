// `node:dgram` for tsuk images: a service importing it compiles unchanged (the compiler maps
// the module name here, compiler/frontend/project.ts NODE_MODULES), and on Node.js the same
// source gets Node's own module.
//
// A Socket is a UDP port bound on the shared stack (net/node/stack.ts). Node's rules kept:
// 'listening' and send callbacks come from the event loop, never from inside the call; a
// socket that sends before binding is bound to a free ephemeral port; an open socket keeps
// the process (here: the machine) alive until it is closed; `message` gets a buffer of its
// own (the stack's zero-copy view is copied once, because a Node handler may keep `msg`).
// Addresses stay u32 below this facade; the text Node's API speaks is made for the last peer
// only and kept (`peerText`), so a service answering `rinfo.address` — the usual reply
// pattern — costs neither a formatting per datagram nor a parse per reply.
// Messages are Buffers (runtime/js/buffer.ts) and `send` takes a string (UTF-8) or a
// Uint8Array, as on Node. What differs is listed in docs/LANGUAGE.md: `bind` takes (port,
// address, callback), not (port, callback).

import type { u32 } from 'tsuk';
import { retainLoop, releaseLoop } from '../../runtime/events/event-loop';
import { EphemeralPorts } from '../ephemeral-ports';
import { formatIpv4, parseIpv4 } from '../ipv4-address';
import type { Inet } from '../inet';
import { acquireStack, releaseStack, whenConfigured } from './stack';
import { asBuffer, chunkBytes } from '../../runtime/js/buffer';

export interface RemoteInfo {
  address: string;
  family: string;
  port: number;
  size: number;
}

export interface AddressInfo {
  address: string;
  family: string;
  port: number;
}

export type MessageListener = (msg: Buffer, rinfo: RemoteInfo) => void;
export type EventListener = () => void;
export type ErrorListener = (err: Error) => void;
export type SendCallback = (error: Error | null, bytes: number) => void;

/** Ports for unbound senders and bind(0), as Node gets them from the OS. */
const ephemeral = new EphemeralPorts();

export class Socket {
  private readonly messageListeners: MessageListener[] = [];
  private readonly listeningListeners: EventListener[] = [];
  private readonly closeListeners: EventListener[] = [];
  private readonly errorListeners: ErrorListener[] = [];
  private stack: Inet | null = null;
  private port = 0;
  private bindAddress = '0.0.0.0';
  private closed = false;
  /** The last peer a message came from, as a u32 and as the text rinfo.address gave (a
   *  consistent pair from the start). */
  private peer: u32 = 0;
  private peerText = '0.0.0.0';

  on(event: 'message', listener: MessageListener): this;
  on(event: 'listening' | 'close', listener: EventListener): this;
  on(event: 'error', listener: ErrorListener): this;
  on(event: string, listener: MessageListener | EventListener | ErrorListener): this {
    if (event === 'message') {
      this.messageListeners.push(listener as MessageListener);
    } else if (event === 'listening') {
      this.listeningListeners.push(listener as EventListener);
    } else if (event === 'close') {
      this.closeListeners.push(listener as EventListener);
    } else if (event === 'error') {
      this.errorListeners.push(listener as ErrorListener);
    }
    return this;
  }

  /** Binds `port` (0 or absent: a free ephemeral port) on `address` (only 0.0.0.0 or our own
   *  address mean anything on a one-address machine); 'listening' follows once the stack has
   *  its address. */
  bind(port: number = 0, address?: string, callback?: EventListener): this {
    if (this.closed) {
      throw new Error('Not running');
    }
    if (this.stack !== null) {
      throw new Error('Socket is already bound');
    }
    if (!(port >= 0 && port <= 65535 && port % 1 === 0)) {
      throw new RangeError(`Port should be >= 0 and < 65536. Received ${port}.`);
    }
    if (address !== undefined) {
      parseIpv4(address); // throws on bad text, as Node reports it
      this.bindAddress = address;
    }
    if (callback !== undefined) {
      this.listeningListeners.push(callback);
    }
    const stack = acquireStack();
    const wanted = port === 0 ? ephemeral.take((p: number) => stack.udp.isBound(p)) : port;
    const bound = stack.udp.bind(wanted, (payload: Uint8Array, srcAddr: u32, srcPort: number, dstAddr: u32) =>
      this.deliver(payload, srcAddr, srcPort),
    );
    if (!bound) {
      releaseStack();
      const err = new Error(`bind EADDRINUSE 0.0.0.0:${wanted}`);
      setTimeout(() => this.emitError(err), 0);
      return this;
    }
    this.stack = stack;
    this.port = wanted;
    retainLoop();
    whenConfigured(() => {
      if (!this.closed) {
        for (const f of this.listeningListeners) {
          f();
        }
      }
    });
    return this;
  }

  /** Sends `msg` to address:port (address absent: 127.0.0.1, as Node — here, ourselves). */
  send(data: string | Uint8Array, port: number, address?: string, callback?: SendCallback): void {
    const msg = chunkBytes(data);
    if (this.closed) {
      throw new Error('Not running');
    }
    if (!(port > 0 && port <= 65535 && (port | 0) === port)) { // | 0: no f64 remainder per datagram
      throw new RangeError(`Port should be > 0 and < 65536. Received ${port}.`);
    }
    if (this.stack === null) {
      this.bind(0);
    }
    const stack = this.stack!;
    const dst: u32 = address === undefined || address === 'localhost' ? stack.address() : this.addressOf(address);
    const sent = stack.udp.send(this.port, dst, port, msg);
    if (callback !== undefined) {
      const bytes = msg.length;
      const err = sent ? null : new Error(`send EHOSTUNREACH ${address ?? '127.0.0.1'}:${port}`);
      setTimeout(() => callback(err, bytes), 0);
    }
  }

  /** The bound address and port; throws before bind, as Node does. */
  address(): AddressInfo {
    if (this.stack === null) {
      throw new Error('getsockname EBADF');
    }
    return { address: this.bindAddress, family: 'IPv4', port: this.port };
  }

  /** Unbinds; 'close' follows from the event loop. */
  close(callback?: EventListener): this {
    if (this.closed) {
      throw new Error('Not running');
    }
    this.closed = true;
    if (callback !== undefined) {
      this.closeListeners.push(callback);
    }
    if (this.stack !== null) {
      this.stack.udp.unbind(this.port);
      this.stack = null;
      releaseStack();
      releaseLoop();
    }
    setTimeout(() => {
      for (const f of this.closeListeners) {
        f();
      }
    }, 0);
    return this;
  }

  /** `address` as a u32: the last peer's without parsing when it is that peer's text. */
  private addressOf(address: string): u32 {
    return address === this.peerText ? this.peer : parseIpv4(address);
  }

  private deliver(payload: Uint8Array, srcAddr: u32, srcPort: number): void {
    if (this.messageListeners.length === 0) {
      return;
    }
    if (srcAddr !== this.peer) {
      this.peer = srcAddr;
      this.peerText = formatIpv4(srcAddr);
    }
    const msg = asBuffer(payload.slice());
    const rinfo: RemoteInfo = { address: this.peerText, family: 'IPv4', port: srcPort, size: msg.length };
    for (const f of this.messageListeners) {
      f(msg, rinfo);
    }
  }

  private emitError(err: Error): void {
    if (this.errorListeners.length === 0) {
      throw err; // unhandled 'error' event: Node throws it too
    }
    for (const f of this.errorListeners) {
      f(err);
    }
  }

}

/** `dgram.createSocket('udp4'[, onMessage])`. Only IPv4: the stack has no IPv6. */
export function createSocket(type: 'udp4', onMessage?: MessageListener): Socket {
  const socket = new Socket();
  if (onMessage !== undefined) {
    socket.on('message', onMessage);
  }
  return socket;
}
