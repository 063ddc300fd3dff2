// `node:net` for tsuk images: a service importing it compiles unchanged (the compiler maps the
// module name here, compiler/frontend/project.ts NODE_MODULES), and on Node.js the same source
// gets Node's own module.
//
// A Server is a TCP listener on the shared stack (net/node/stack.ts), a Socket one connection
// (net/tcp-connection.ts). Node's rules kept: events come from the event loop or the receive
// path, never from inside the call that caused them ('listening', 'connect', 'close' and
// errors are deferred with setTimeout 0); `write` returns false once more than
// `writableHighWaterMark` octets wait beyond the connection's send buffer, and 'drain' follows
// when they have gone; the peer's FIN is 'end', after which the socket ends its side too
// (allowHalfOpen false, Node's default); 'close' comes once, last; open servers and sockets
// keep the process (here: the machine) alive. Every 'data' chunk is an array of its own.
// pause() leaves received data in the connection, whose window then closes: TCP's own
// backpressure. 'data' chunks are Buffers (runtime/js/buffer.ts, marked in place); `write` and
// `end` take a string (UTF-8) or a Uint8Array/Buffer, which is queued as it is, not copied (as
// Node keeps a reference to a chunk it could not send at once). What differs is listed in
// docs/LANGUAGE.md: no encoding argument, `listen` takes (port, host, callback) — a callback
// alone goes third, `listen(port, undefined, cb)` — and IPv4 only.

import type { i32, u32 } from 'tsuk';
import { retainLoop, releaseLoop } from '../../runtime/events/event-loop';
import { EphemeralPorts } from '../ephemeral-ports';
import { formatIpv4, parseIpv4 } from '../ipv4-address';
import type { Inet } from '../inet';
import type { TcpConnection } from '../tcp-connection';
import { acquireStack, releaseStack, whenConfigured } from './stack';
import { asBuffer, chunkBytes } from '../../runtime/js/buffer';

export interface AddressInfo {
  address: string;
  family: string;
  port: number;
}

export type EventListener = () => void;
/** Errors carry Node's `code`; a listener typed `(err: Error) => void` fits too. */
export type ErrorListener = (err: SystemError) => void;
export type DataListener = (data: Buffer) => void;
export type CloseListener = (hadError: boolean) => void;
export type ConnectionListener = (socket: Socket) => void;

/** An error with Node's `code` (ECONNRESET, ECONNREFUSED, ETIMEDOUT, EADDRINUSE, …). */
export class SystemError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Node's default high-water mark for writable streams. */
const HIGH_WATER_MARK = 16384;
/** Octets taken from the connection per 'data' event at most. */
const READ_CHUNK = 65536;

function later(f: () => void): void {
  setTimeout(f, 0);
}

export class Socket {
  remoteAddress = '';
  remotePort = 0;
  localAddress = '';
  localPort = 0;
  bytesRead = 0;
  bytesWritten = 0;
  readonly writableHighWaterMark = HIGH_WATER_MARK;
  /** Whether the socket was destroyed (or closed by the peer and the stack). */
  destroyed = false;
  private readonly dataListeners: DataListener[] = [];
  private readonly endListeners: EventListener[] = [];
  private readonly closeListeners: CloseListener[] = [];
  private readonly errorListeners: ErrorListener[] = [];
  private readonly drainListeners: EventListener[] = [];
  private readonly connectListeners: EventListener[] = [];
  private readonly timeoutListeners: EventListener[] = [];
  private connection: TcpConnection | null = null;
  /** Written, not yet taken by the connection's send buffer: chunks and the offset into the first. */
  private readonly queue: Uint8Array[] = [];
  private queueOffset: i32 = 0;
  private queued: i32 = 0;
  private needDrain = false;
  private ending = false;
  private ended = false;
  private closed = false;
  private connected = false;
  private noDelay = false;
  /** pause(): received data stays in the connection, whose window closes. */
  private paused = false;
  /** The peer's FIN arrived; 'end' follows once its data has all been read. */
  private peerFinished = false;
  private endEmitted = false;
  private idleMs = 0;
  private idleTimer = -1;
  private holdsStack = false;

  on(event: 'data', listener: DataListener): this;
  on(event: 'close', listener: CloseListener): this;
  on(event: 'error', listener: ErrorListener): this;
  on(event: 'end' | 'drain' | 'connect' | 'timeout', listener: EventListener): this;
  on(event: string, listener: DataListener | CloseListener | ErrorListener | EventListener): this {
    if (event === 'data') {
      this.dataListeners.push(listener as DataListener);
    } else if (event === 'end') {
      this.endListeners.push(listener as EventListener);
    } else if (event === 'close') {
      this.closeListeners.push(listener as CloseListener);
    } else if (event === 'error') {
      this.errorListeners.push(listener as ErrorListener);
    } else if (event === 'drain') {
      this.drainListeners.push(listener as EventListener);
    } else if (event === 'connect') {
      this.connectListeners.push(listener as EventListener);
    } else if (event === 'timeout') {
      this.timeoutListeners.push(listener as EventListener);
    }
    return this;
  }

  /** Queues `data` for sending; false once more than the high-water mark waits ('drain'
   *  follows). After end or destroy the write fails with an error event, as in Node. */
  write(chunk: string | Uint8Array, callback?: EventListener): boolean;
  write(chunk: string | Uint8Array, encoding?: BufferEncoding, callback?: EventListener): boolean;
  write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | EventListener, callback?: EventListener): boolean {
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (this.ending || this.destroyed) {
      const err = new SystemError('This socket has been ended by the other party', 'EPIPE');
      later(() => this.emitError(err));
      return false;
    }
    const data = chunkBytes(chunk, encoding);
    if (data.length > 0) {
      this.queue.push(data);
      this.queued += data.length;
      this.flush();
    }
    this.touch();
    if (done !== undefined) {
      later(done);
    }
    if (this.queued >= HIGH_WATER_MARK) {
      this.needDrain = true;
      return false;
    }
    return true;
  }

  /** Sends `data` if given, then FIN once everything written has been sent. */
  end(data?: string | Uint8Array, callback?: EventListener): this;
  end(data: string | Uint8Array, encoding?: BufferEncoding, callback?: EventListener): this;
  end(data?: string | Uint8Array, encodingOrCallback?: BufferEncoding | EventListener, callback?: EventListener): this {
    if (data !== undefined && !this.ending) {
      this.write(data, typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined);
    }
    if (typeof encodingOrCallback === 'function') {
      callback = encodingOrCallback;
    }
    if (callback !== undefined) {
      this.endListeners.push(callback);
    }
    this.ending = true;
    this.flush();
    return this;
  }

  /** Closes at once: a reset unless the exchange was finished, as Linux does on close(2)
   *  with unread data; 'close' follows. */
  destroy(error?: Error): this {
    if (this.destroyed) {
      return this;
    }
    this.destroyed = true;
    this.ending = true;
    const c = this.connection;
    if (c !== null) {
      if (c.receive.length > 0) {
        c.abort();
      } else {
        c.close();
      }
    }
    // Node emits the very error given; one that is not a SystemError is wrapped (code '').
    this.finish(error === undefined ? null : error instanceof SystemError ? error : new SystemError(error.message, ''));
    return this;
  }

  setNoDelay(noDelay: boolean = true): this {
    this.noDelay = noDelay;
    if (this.connection !== null) {
      this.connection.noDelay = noDelay;
      this.flush();
    }
    return this;
  }

  /** 'timeout' after `ms` without activity (0 disables); the socket stays open, as in Node. */
  setTimeout(ms: number, callback?: EventListener): this {
    this.idleMs = ms;
    if (callback !== undefined) {
      this.timeoutListeners.push(callback);
    }
    this.touch();
    return this;
  }

  /** Accepted for compatibility; keep-alive probes are not sent. */
  setKeepAlive(_enable?: boolean, _initialDelay?: number): this {
    return this;
  }

  address(): AddressInfo {
    return { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  /** Octets written and not yet acknowledged or sent. */
  get writableLength(): number {
    return this.queued + (this.connection !== null ? this.connection.buffered() : 0);
  }

  /** Takes over `c` (accepted by a server, or opened by connect). */
  attach(c: TcpConnection, stackHeld: boolean): void {
    this.connection = c;
    this.holdsStack = stackHeld;
    this.remoteAddress = formatIpv4(c.remoteAddress);
    this.remotePort = c.remotePort;
    this.localAddress = formatIpv4(c.localAddress);
    this.localPort = c.localPort;
    c.noDelay = this.noDelay;
    c.onReadable = () => this.readAll();
    c.onWritable = () => this.flush();
    c.onEnd = () => {
      this.peerFinished = true;
      this.readAll();
    };
    c.onClose = (error: string) => this.connectionClosed(error);
    retainLoop();
  }

  /** The connection is established (connect): 'connect', then what was written meanwhile. */
  established(): void {
    this.connected = true;
    this.flush();
    later(() => {
      for (const f of this.connectListeners) {
        f();
      }
    });
  }

  /** Stops 'data' events: received octets wait in the connection, and its receive window
   *  closes, so the peer stops sending (TCP's own backpressure). */
  pause(): this {
    this.paused = true;
    return this;
  }

  /** 'data' events again, from the event loop, starting with what waited. */
  resume(): this {
    if (this.paused) {
      this.paused = false;
      later(() => this.readAll());
    }
    return this;
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** Emits 'data' for everything received (until a listener pauses), then 'end' once the
   *  peer's FIN has come and nothing is left. */
  private readAll(): void {
    const c = this.connection;
    if (c === null || this.closed) {
      return;
    }
    while (!this.paused) {
      const data = asBuffer(c.read(READ_CHUNK));
      if (data.length === 0) {
        break;
      }
      this.bytesRead += data.length;
      this.touch();
      for (const f of this.dataListeners) {
        f(data);
      }
    }
    if (!this.paused && this.peerFinished && !this.endEmitted && c.receive.length === 0) {
      this.endEmitted = true;
      this.peerEnded();
    }
  }

  /** Moves queued chunks into the connection's send buffer; FIN after the last if ending. */
  private flush(): void {
    const c = this.connection;
    if (c === null) {
      return;
    }
    while (this.queue.length > 0) {
      const chunk = this.queue[0];
      const n: i32 = chunk.length - this.queueOffset;
      const taken: i32 = c.write(chunk, this.queueOffset, n);
      this.bytesWritten += taken;
      this.queued -= taken;
      if (taken < n) {
        this.queueOffset += taken;
        return;
      }
      this.queue.shift();
      this.queueOffset = 0;
    }
    // FIN only once connected: ended before the handshake, the data and FIN wait for it.
    if (this.ending && !this.ended && this.connected) {
      this.ended = true;
      c.shutdown();
    }
    if (this.needDrain && this.queued === 0) {
      this.needDrain = false;
      for (const f of this.drainListeners) {
        f();
      }
    }
  }

  private peerEnded(): void {
    for (const f of this.endListeners) {
      f();
    }
    this.end(); // allowHalfOpen false
  }

  private connectionClosed(error: string): void {
    if (error === '') {
      this.finish(null);
      return;
    }
    const what = this.connected ? 'read' : 'connect';
    const where = this.connected ? '' : ` ${this.remoteAddress}:${this.remotePort}`;
    this.finish(new SystemError(`${what} ${error}${where}`, error));
  }

  /** Once: timers stopped, the stack released, 'error' (if any) then 'close' from the loop. */
  private finish(error: SystemError | null): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.destroyed = true;
    if (this.idleTimer >= 0) {
      clearTimeout(this.idleTimer);
      this.idleTimer = -1;
    }
    const c = this.connection;
    if (c !== null) {
      c.onReadable = () => {};
      c.onWritable = () => {};
      c.onEnd = () => {};
      c.onClose = (_e: string) => {};
      releaseLoop();
      if (this.holdsStack) {
        releaseStack();
      }
    }
    later(() => {
      if (error !== null) {
        this.emitError(error);
      }
      for (const f of this.closeListeners) {
        f(error !== null);
      }
    });
  }

  private touch(): void {
    if (this.idleTimer >= 0) {
      clearTimeout(this.idleTimer);
      this.idleTimer = -1;
    }
    if (this.idleMs > 0 && !this.closed) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = -1;
        for (const f of this.timeoutListeners) {
          f();
        }
      }, this.idleMs);
    }
  }

  private emitError(err: SystemError): void {
    if (this.errorListeners.length === 0) {
      throw err; // an unhandled 'error' event: Node throws it too
    }
    for (const f of this.errorListeners) {
      f(err);
    }
  }
}

export class Server {
  /** Whether the server is listening. */
  listening = false;
  private readonly connectionListeners: ConnectionListener[] = [];
  private readonly listeningListeners: EventListener[] = [];
  private readonly closeListeners: EventListener[] = [];
  private readonly errorListeners: ErrorListener[] = [];
  private stack: Inet | null = null;
  private port = 0;
  private host = '0.0.0.0';
  private open = 0;
  private closing = false;

  on(event: 'connection', listener: ConnectionListener): this;
  on(event: 'listening' | 'close', listener: EventListener): this;
  on(event: 'error', listener: ErrorListener): this;
  on(event: string, listener: ConnectionListener | EventListener | ErrorListener): this {
    if (event === 'connection') {
      this.connectionListeners.push(listener as ConnectionListener);
    } else if (event === 'listening') {
      this.listeningListeners.push(listener as EventListener);
    } else if (event === 'close') {
      this.closeListeners.push(listener as EventListener);
    } else if (event === 'error') {
      this.errorListeners.push(listener as ErrorListener);
    }
    return this;
  }

  /** Listens on `port` (0: an ephemeral one) at `host` (only 0.0.0.0 or our own address mean
   *  anything on a one-address machine); 'listening' follows once the stack has its address. */
  listen(port: number = 0, host?: string, callback?: EventListener): this {
    if (this.stack !== null) {
      throw new SystemError('Listen method has been called more than once without closing.', 'ERR_SERVER_ALREADY_LISTEN');
    }
    if (!(port >= 0 && port <= 65535 && port % 1 === 0)) {
      throw new RangeError(`options.port should be >= 0 and < 65536. Received ${port}.`);
    }
    if (host !== undefined) {
      parseIpv4(host === 'localhost' ? '127.0.0.1' : host); // bad text throws, as Node reports it
      this.host = host;
    }
    if (callback !== undefined) {
      this.listeningListeners.push(callback);
    }
    const stack = acquireStack();
    const wanted = port === 0 ? ephemeral.take((p: number) => stack.tcp.isListening(p)) : port;
    const ok = stack.tcp.listen(wanted, (c: TcpConnection) => this.accept(c));
    if (!ok) {
      releaseStack();
      const err = new SystemError(`listen EADDRINUSE: address already in use ${this.host}:${wanted}`, 'EADDRINUSE');
      later(() => this.emitError(err));
      return this;
    }
    this.stack = stack;
    this.port = wanted;
    this.closing = false;
    retainLoop();
    whenConfigured(() => {
      if (this.stack === stack) {
        this.listening = true;
        for (const f of this.listeningListeners) {
          f();
        }
      }
    });
    return this;
  }

  address(): AddressInfo {
    return { address: this.host, family: 'IPv4', port: this.port };
  }

  /** Stops accepting; 'close' once the connections already accepted have all closed. */
  close(callback?: EventListener): this {
    if (callback !== undefined) {
      this.closeListeners.push(callback);
    }
    const stack = this.stack;
    if (stack === null) {
      return this;
    }
    stack.tcp.unlisten(this.port);
    this.stack = null;
    this.listening = false;
    this.closing = true;
    releaseStack();
    releaseLoop();
    this.maybeClosed();
    return this;
  }

  private accept(c: TcpConnection): void {
    const socket = new Socket();
    acquireStack(); // the socket may outlive the server
    socket.attach(c, true);
    socket.established();
    this.open++;
    socket.on('close', (_hadError: boolean) => {
      this.open--;
      this.maybeClosed();
    });
    for (const f of this.connectionListeners) {
      f(socket);
    }
  }

  private maybeClosed(): void {
    if (this.closing && this.open === 0) {
      this.closing = false;
      later(() => {
        for (const f of this.closeListeners) {
          f();
        }
      });
    }
  }

  private emitError(err: SystemError): void {
    if (this.errorListeners.length === 0) {
      throw err;
    }
    for (const f of this.errorListeners) {
      f(err);
    }
  }
}

/** Ports for listen(0), as Node gets them from the OS. */
const ephemeral = new EphemeralPorts();

/** `net.createServer([connectionListener])`. */
export function createServer(connectionListener?: ConnectionListener): Server {
  const server = new Server();
  if (connectionListener !== undefined) {
    server.on('connection', connectionListener);
  }
  return server;
}

/** `net.connect(port[, host][, connectListener])`: host absent or 'localhost' is this
 *  machine. Errors (ECONNREFUSED, ETIMEDOUT) come as 'error' then 'close'. */
export function connect(port: number, host?: string, connectListener?: EventListener): Socket {
  if (!(port > 0 && port <= 65535 && port % 1 === 0)) {
    throw new RangeError(`options.port should be >= 0 and < 65536. Received ${port}.`);
  }
  const socket = new Socket();
  if (connectListener !== undefined) {
    socket.on('connect', connectListener);
  }
  const stack = acquireStack();
  const local = host === undefined || host === 'localhost';
  const fixed: u32 = local ? 0 : parseIpv4(host!);
  whenConfigured(() => {
    if (socket.destroyed) {
      releaseStack();
      return;
    }
    const dst: u32 = local ? stack.address() : fixed;
    const c = stack.tcp.connect(dst, port);
    if (c === null) {
      releaseStack();
      const err = new SystemError(`connect EMFILE ${formatIpv4(dst)}:${port}`, 'EMFILE');
      later(() => socket.destroy(err));
      return;
    }
    socket.attach(c, true);
    c.onEstablished = () => socket.established();
  });
  return socket;
}

/** `net.createConnection`: the same as connect. */
export function createConnection(port: number, host?: string, connectListener?: EventListener): Socket {
  return connect(port, host, connectListener);
}
