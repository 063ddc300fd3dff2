// `node:http` for tsuk images, the server side: a service importing it compiles unchanged (the
// compiler maps the module name here, compiler/frontend/project.ts NODE_MODULES), and on
// Node.js the same source gets Node's own module.
//
// A Server is a node:net server (net/node/net.ts) whose every connection gets an
// HttpConnection: the bytes go through the request parser (net/http/request-parser.ts), each
// request becomes an IncomingMessage and a ServerResponse handed to the 'request' listeners.
// Node's rules kept: keep-alive by default (HTTP/1.1), `Connection: close` honoured,
// pipelined requests answered in order (a response waits, buffered, until those before it
// have finished), a chunked response when no length is known, the default headers Node sends
// (Date, Connection, Keep-Alive: timeout=5, Content-Length / Transfer-Encoding), a malformed
// request answered 400 (431 for an oversized head) and the connection closed, an idle
// keep-alive connection closed after keepAliveTimeout (5 s), a head not complete after
// headersTimeout (60 s) answered 408 and closed. What differs is listed in docs/LANGUAGE.md.

import type { i32 } from 'tsuk';
import { imfFixdate } from '../http/date';
import type { RequestHead } from '../http/request-parser';
import { RequestParser } from '../http/request-parser';
import { reasonPhrase } from '../http/status-codes';
import { isFieldName } from '../http/tokens';
import { IncomingHttpHeaders } from '../http/incoming-headers';
import { createServer as createNetServer } from './net';
import type { AddressInfo, ErrorListener, EventListener, Server as NetServer, Socket } from './net';
import { encodeUtf8, utf8Length } from '../../runtime/js/utf8';
import { asBuffer, chunkBytes, chunkText, isStringChunk } from '../../runtime/js/buffer';
import { WireParts } from './wire-parts';
import { ARRAY_TAG } from '../../runtime/abi/layout';
import { addressOf, load32 } from 'tsuk:hw';

export type { IncomingHttpHeaders };
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
export type DataListener = (chunk: Buffer) => void;

/** Whether the raw field lines (names and values alternating) have one named `lower`, in any
 *  case. */
function hasField(raw: string[], lower: string): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    if (isFieldName(raw[i], lower)) {
      return true;
    }
  }
  return false;
}

function later(f: () => void): void {
  setTimeout(f, 0);
}

/** A request: its head, then its body as 'data' events and 'end'. Like Node's stream, it
 *  flows once a 'data' listener is added (or resume() called); until then the body waits. */
export class IncomingMessage {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly httpVersionMajor: number;
  readonly httpVersionMinor: number;
  readonly rawHeaders: string[];
  readonly socket: Socket;
  /** Whether the whole body has been received. */
  complete = false;
  private readonly dataListeners: DataListener[] = [];
  private readonly endListeners: EventListener[] = [];
  private readonly pending: Buffer[] = [];
  private flowing = false;
  private ended = false;
  private scheduled = false;
  private table: IncomingHttpHeaders | undefined = undefined;

  constructor(head: RequestHead, socket: Socket) {
    this.method = head.method;
    this.url = head.url;
    this.httpVersionMajor = head.versionMajor;
    this.httpVersionMinor = head.versionMinor;
    this.httpVersion = head.versionMajor === 1 && head.versionMinor === 1 ? '1.1' : `${head.versionMajor}.${head.versionMinor}`;
    this.rawHeaders = head.rawHeaders;
    this.socket = socket;
  }

  /** Made when first read, as Node makes its object: a service that reads none pays nothing. */
  get headers(): IncomingHttpHeaders {
    if (this.table === undefined) {
      this.table = new IncomingHttpHeaders(this.rawHeaders);
    }
    return this.table;
  }

  on(event: 'data', listener: DataListener): this;
  on(event: 'end' | 'close', listener: EventListener): this;
  on(event: string, listener: DataListener | EventListener): this {
    if (event === 'data') {
      this.dataListeners.push(listener as DataListener);
      this.resume();
    } else if (event === 'end') {
      this.endListeners.push(listener as EventListener);
    }
    return this;
  }

  /** Lets the body flow (also without 'data' listeners: it is then discarded, as in Node). */
  resume(): this {
    this.flowing = true;
    this.schedule();
    return this;
  }

  /** From the connection: a run of body octets, a view of a chunk the socket read (which is
   *  its own, as Node's body chunks are views of what the socket read). */
  body(data: Uint8Array): void {
    this.pending.push(asBuffer(data));
    this.schedule();
  }

  /** From the connection: the body is complete. */
  finish(): void {
    this.complete = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.flowing && !this.scheduled) {
      this.scheduled = true;
      later(() => this.pump());
    }
  }

  private pump(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const chunk = this.pending.shift()!;
      for (const f of this.dataListeners) {
        f(chunk);
      }
    }
    if (this.complete && !this.ended) {
      this.ended = true;
      for (const f of this.endListeners) {
        f();
      }
    }
  }
}

const CRLF = '\r\n';

// The Date field changes once a second: made then, not per response (as Node caches it), since
// under load each response's garbage sets how often the collector pauses every connection.
let dateSecond = -1;
let dateField = '';

function currentDateField(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateField = `Date: ${imfFixdate(second * 1000)}${CRLF}`;
  }
  return dateField;
}

/** A header's value as Node takes it: a number is sent as its string, an array as one field
 *  line per element (Node's OutgoingHttpHeader; setHeader also takes a readonly array). */
export type OutgoingHttpHeader = number | string | string[];

/** Headers as writeHead takes them in object form. */
export interface OutgoingHeaders {
  [name: string]: OutgoingHttpHeader;
}

/** A header as set: its name as written, its value as given (getHeader returns it). */
class HeaderField {
  constructor(
    readonly name: string,
    readonly value: OutgoingHttpHeader,
  ) {}
}

// What sendHead learns from the service's own field lines, to add Node's defaults after them.
const SEEN_LENGTH = 1;
const SEEN_ENCODING = 2;
const SEEN_DATE = 4;
const SEEN_CONNECTION = 8;

/** `H` when its keys are known at compile time; an index signature (`{ [name: string]: string }`,
 *  whose keys only the running program knows) makes writeHead's argument a type error instead
 *  of headers silently left out. */
type KnownKeys<H> = string extends keyof H ? never : H;

/** Whether writeHead's headers are the flat array form: the object's first word is an
 *  array's tag (an object literal's is its descriptor). */
function isFlatArray(headers: string[] | OutgoingHeaders): boolean {
  return load32(addressOf(headers)) === ARRAY_TAG;
}

/** A response. Its octets go to the connection, which sends them at once when this is the
 *  oldest unfinished response on it, or keeps them until those before it have finished. */
export class ServerResponse {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  /** Whether end() has been called. */
  writableEnded = false;
  /** Whether the last octet has been handed to the socket. */
  finished = false;
  sendDate = true;
  readonly req: IncomingMessage;
  /** Lower-cased name → the field as set, in the order set. */
  private readonly fields = new Map<string, HeaderField>();
  private chunked = false;
  private keepAlive: boolean;
  private readonly hasBody: boolean;
  private readonly conn: HttpConnection;
  private readonly finishListeners: EventListener[] = [];

  constructor(req: IncomingMessage, conn: HttpConnection, keepAlive: boolean) {
    this.req = req;
    this.conn = conn;
    this.keepAlive = keepAlive;
    this.hasBody = req.method !== 'HEAD';
  }

  on(event: 'finish' | 'close', listener: EventListener): this {
    if (event === 'finish') {
      this.finishListeners.push(listener);
    }
    return this;
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    if (this.headersSent) {
      throw new Error('Cannot set headers after they are sent to the client');
    }
    this.fields.set(name.toLowerCase(), new HeaderField(name, value as OutgoingHttpHeader));
    return this;
  }

  /** The value as it was set (a number stays a number, an array the same array), as Node's. */
  getHeader(name: string): OutgoingHttpHeader | undefined {
    const f = this.fields.get(name.toLowerCase());
    return f === undefined ? undefined : f.value;
  }

  hasHeader(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    if (this.headersSent) {
      throw new Error('Cannot remove headers after they are sent to the client');
    }
    this.fields.delete(name.toLowerCase());
  }

  getHeaderNames(): string[] {
    const names: string[] = [];
    for (const k of this.fields.keys()) {
      names.push(k);
    }
    return names;
  }

  /** Status, and headers as an object (`{ 'Content-Type': 'text/plain', 'Content-Length': 12 }`,
   *  values as setHeader takes them)
   *  or Node's flat array form [name, value, name, value, …]. Generic so that each call is
   *  compiled with its object's own type, whose keys are known then (an object's keys are
   *  known at compile time only). As in Node, the head is then final: end(data) no longer
   *  adds a Content-Length. */
  writeHead<H extends OutgoingHeaders>(statusCode: number, headers?: string[] | KnownKeys<H>): this;
  writeHead<H extends OutgoingHeaders>(statusCode: number, headers?: string[] | H): this {
    this.statusCode = statusCode;
    if (headers !== undefined && isFlatArray(headers)) {
      const flat = headers as string[];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        this.setHeader(flat[i], flat[i + 1]);
      }
    } else if (headers !== undefined) {
      for (const [name, value] of Object.entries<OutgoingHeaders>(headers as H)) {
        this.setHeader(name, value);
      }
    }
    if (!this.headersSent) {
      this.sendHead(-1, '', null);
    }
    return this;
  }

  /** Sends a part of the body (a string as UTF-8 or in `encoding`, or a Uint8Array/Buffer);
   *  the head first,
   *  chunked unless a length was set. */
  write(chunk: string | Uint8Array, callback?: EventListener): boolean;
  write(chunk: string | Uint8Array, encoding?: BufferEncoding, callback?: EventListener): boolean;
  write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | EventListener, callback?: EventListener): boolean {
    if (this.writableEnded) {
      return false;
    }
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done !== undefined) {
      later(done); // as net's Socket: once handed to the connection
    }
    if (!this.headersSent) {
      this.sendHead(-1, '', null);
    }
    const data = chunkBytes(chunk, encoding);
    if (data.length > 0 && this.bodyAllowed()) {
      if (this.chunked) {
        this.conn.send(this, encodeUtf8(`${data.length.toString(16)}${CRLF}`));
        this.conn.send(this, data);
        this.conn.send(this, encodeUtf8(CRLF));
      } else {
        this.conn.send(this, data);
      }
    }
    return true;
  }

  /** Sends the last part of the body (if given; a string in `encoding`, UTF-8 by default)
   *  and finishes the response; `callback` runs on 'finish'. */
  end(chunk?: string | Uint8Array, callback?: EventListener): this;
  end(chunk: string | Uint8Array, encoding?: BufferEncoding, callback?: EventListener): this;
  end(text?: string | Uint8Array, encodingOrCallback?: BufferEncoding | EventListener, callback?: EventListener): this {
    if (this.writableEnded) {
      return this;
    }
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done !== undefined) {
      this.finishListeners.push(done);
    }
    // A string in another encoding than UTF-8 goes as its octets.
    const chunk = typeof encodingOrCallback === 'string' && text !== undefined ? chunkBytes(text, encodingOrCallback) : text;
    if (!this.headersSent) {
      // Head and body in one write: one segment for a small answer.
      if (chunk === undefined) {
        this.sendHead(0, '', null);
      } else if (isStringChunk(chunk)) {
        const body = chunkText(chunk);
        this.sendHead(utf8Length(body), this.bodyAllowed() ? body : '', null);
      } else {
        const bytes = chunkBytes(chunk);
        this.sendHead(bytes.length, '', this.bodyAllowed() ? bytes : null);
      }
    } else if (chunk !== undefined) {
      this.write(chunk);
    }
    this.writableEnded = true;
    if (this.chunked) {
      this.conn.send(this, encodeUtf8(`0${CRLF}${CRLF}`));
    }
    this.conn.responseEnded(this);
    return this;
  }

  /** Whether the socket closes after this response. */
  closesConnection(): boolean {
    return !this.keepAlive;
  }

  /** From the connection: the last octet went to the socket. */
  sent(): void {
    this.finished = true;
    for (const f of this.finishListeners) {
      later(f);
    }
  }

  private bodyAllowed(): boolean {
    return this.hasBody && this.statusCode !== 204 && this.statusCode !== 304 && !(this.statusCode >= 100 && this.statusCode < 200);
  }

  /** One of the service's field lines into the head; what it tells sendHead (SEEN_*). */
  private fieldLine(key: string, name: string, value: string): number {
    const head = HEAD;
    head.add(name);
    head.add(': ');
    head.add(value);
    head.add(CRLF);
    if (key === 'content-length') {
      return SEEN_LENGTH;
    } else if (key === 'transfer-encoding') {
      this.chunked = value.toLowerCase().endsWith('chunked');
      return SEEN_ENCODING;
    } else if (key === 'date') {
      return SEEN_DATE;
    } else if (key === 'connection') {
      if (value.toLowerCase().includes('close')) {
        this.keepAlive = false;
      }
      return SEEN_CONNECTION;
    }
    return 0;
  }

  // status-line CRLF *( field-line CRLF ) CRLF, with Node's defaults after the service's own
  // headers: Date, Connection (+ Keep-Alive), then Content-Length or Transfer-Encoding.
  private sendHead(knownLength: i32, body: string, bytes: Uint8Array | null): void {
    this.headersSent = true;
    const head = HEAD;
    head.add(this.statusCode === 200 && this.statusMessage === '' ? STATUS_200 : `HTTP/1.1 ${this.statusCode} ${this.statusMessage !== '' ? this.statusMessage : reasonPhrase(this.statusCode)}${CRLF}`);
    let seen = 0;
    for (const [key, f] of this.fields) {
      const v = f.value;
      if (typeof v === 'string') {
        seen |= this.fieldLine(key, f.name, v);
      } else if (typeof v === 'number') {
        seen |= this.fieldLine(key, f.name, String(v));
      } else if (v.length >= 2 && key === 'cookie') {
        seen |= this.fieldLine(key, f.name, v.join('; ')); // Node joins a Cookie's values
      } else {
        for (const one of v) {
          seen |= this.fieldLine(key, f.name, one);
        }
      }
    }
    const hasLength = (seen & SEEN_LENGTH) !== 0;
    const hasEncoding = (seen & SEEN_ENCODING) !== 0;
    const hasDate = (seen & SEEN_DATE) !== 0;
    const hasConnection = (seen & SEEN_CONNECTION) !== 0;
    if (this.sendDate && !hasDate) {
      head.add(currentDateField());
    }
    // Node answers requests of a version with minor 0 (1.0, 2.0) without chunking or an added
    // length: the end of the body is the close.
    const old = this.req.httpVersionMajor < 1 || this.req.httpVersionMinor < 1;
    const hasBody = this.bodyAllowed();
    if (!hasLength && !hasEncoding && hasBody && old) {
      this.keepAlive = false;
    }
    if (!hasConnection) {
      head.add(this.keepAlive ? this.conn.keepAliveFields : `Connection: close${CRLF}`);
    }
    if (!hasLength && !hasEncoding && hasBody && !old) {
      if (knownLength >= 0) {
        head.add('Content-Length: ');
        head.add(String(knownLength));
        head.add(CRLF);
      } else {
        head.add(`Transfer-Encoding: chunked${CRLF}`);
        this.chunked = true;
      }
    }
    head.add(CRLF);
    if (this.chunked && (body.length > 0 || bytes !== null)) {
      this.conn.send(this, head.take(null)); // the service set Transfer-Encoding itself
      this.write(bytes !== null ? bytes : body);
      return;
    }
    if (body.length > 0) {
      head.add(body);
    }
    this.conn.send(this, head.take(bytes));
  }
}

/** The head being built (one at a time: sendHead does not call itself). */
const HEAD = new WireParts();
const STATUS_200 = `HTTP/1.1 200 OK${CRLF}`;

/** One TCP connection of a server: parses requests, orders responses, runs the timeouts. */
export class HttpConnection {
  readonly keepAliveTimeout: number;
  private readonly parser = new RequestParser();
  /** Responses not yet fully handed to the socket, oldest first; only the first writes. */
  private readonly responses: ServerResponse[] = [];
  private readonly held = new Map<ServerResponse, Uint8Array[]>();
  private request: IncomingMessage | null = null;
  private closing = false;
  /** Whether the request being received lets another follow on this connection. */
  private readMore = true;
  private idleTimer = -1;
  private headTimer = -1;

  /** `Connection: keep-alive` and `Keep-Alive: timeout=…`, made once per connection. */
  readonly keepAliveFields: string;

  constructor(
    private readonly server: Server,
    private readonly socket: Socket,
  ) {
    this.keepAliveTimeout = server.keepAliveTimeout;
    this.keepAliveFields = `Connection: keep-alive${CRLF}Keep-Alive: timeout=${Math.floor(this.keepAliveTimeout / 1000)}${CRLF}`;
    this.parser.onRequest = (head: RequestHead) => this.started(head);
    this.parser.onBody = (d: Uint8Array) => this.request!.body(d);
    this.parser.onComplete = () => {
      this.request!.finish();
      this.request = null;
      if (!this.readMore) {
        this.parser.stop(); // nothing after a `Connection: close` request is read
      }
    };
    socket.on('data', (d: Uint8Array) => this.received(d));
    socket.on('error', (_e: Error) => {});
    socket.on('close', (_hadError: boolean) => this.closed());
    this.armIdle();
  }

  /** From a response: octets to send, now or when the responses before it have finished. */
  send(res: ServerResponse, data: Uint8Array): void {
    if (this.responses.length > 0 && this.responses[0] === res) {
      this.socket.write(data);
      return;
    }
    const held = this.held.get(res);
    if (held !== undefined) {
      held.push(data);
    }
  }

  /** From a response: end() was called; send what waits behind it. */
  responseEnded(_res: ServerResponse): void {
    while (this.responses.length > 0 && this.responses[0].writableEnded) {
      const done = this.responses.shift()!;
      done.sent();
      if (done.closesConnection()) {
        this.close();
        return;
      }
      if (this.responses.length > 0) {
        const next = this.responses[0];
        for (const d of this.held.get(next)!) {
          this.socket.write(d);
        }
        this.held.delete(next);
      }
    }
    this.armIdle();
  }

  private received(data: Uint8Array): void {
    if (this.closing) {
      return;
    }
    this.disarmIdle();
    this.parser.feed(data);
    if (this.parser.status !== 0) {
      this.clientError(this.parser.status);
      return;
    }
    if (this.parser.inHead() && this.headTimer < 0) {
      this.headTimer = setTimeout(() => this.headersTimedOut(), this.server.headersTimeout);
    } else if (!this.parser.inHead() && this.headTimer >= 0) {
      clearTimeout(this.headTimer);
      this.headTimer = -1;
    }
    this.armIdle();
  }

  private started(head: RequestHead): void {
    if (this.headTimer >= 0) {
      clearTimeout(this.headTimer);
      this.headTimer = -1;
    }
    const req = new IncomingMessage(head, this.socket);
    const res = new ServerResponse(req, this, head.keepAlive);
    this.request = req;
    this.readMore = head.keepAlive;
    if (this.responses.length > 0) {
      this.held.set(res, []);
    }
    this.responses.push(res);
    if (head.versionMajor === 1 && head.versionMinor === 1 && !hasField(head.rawHeaders, 'host')) {
      // Node's requireHostHeader: 400 through the normal response path.
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return;
    }
    this.server.emitRequest(req, res);
  }

  /** Node's default 'clientError' handling: a bare status line, then the connection closes. */
  private clientError(status: number): void {
    this.parser.stop();
    this.closing = true;
    const busy = this.responses.length > 0 && this.responses[0].headersSent;
    if (!busy) {
      this.socket.end(encodeUtf8(`HTTP/1.1 ${status} ${reasonPhrase(status)}${CRLF}Connection: close${CRLF}${CRLF}`));
    } else {
      this.socket.destroy();
    }
  }

  private headersTimedOut(): void {
    this.headTimer = -1;
    if (this.parser.inHead() && !this.closing) {
      this.clientError(408);
    }
  }

  /** Closes once idle between requests for keepAliveTimeout. */
  private armIdle(): void {
    this.disarmIdle();
    if (!this.closing && this.responses.length === 0 && !this.parser.inMessage() && this.keepAliveTimeout > 0) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = -1;
        this.close();
      }, this.keepAliveTimeout);
    }
  }

  private disarmIdle(): void {
    if (this.idleTimer >= 0) {
      clearTimeout(this.idleTimer);
      this.idleTimer = -1;
    }
  }

  private close(): void {
    if (!this.closing) {
      this.closing = true;
      this.parser.stop();
      this.disarmIdle();
      this.socket.end();
    }
  }

  private closed(): void {
    this.closing = true;
    this.disarmIdle();
    if (this.headTimer >= 0) {
      clearTimeout(this.headTimer);
      this.headTimer = -1;
    }
  }
}

export class Server {
  /** Node's defaults: an idle keep-alive connection closes after 5 s; a request head must be
   *  complete within 60 s. */
  keepAliveTimeout = 5000;
  headersTimeout = 60000;
  private readonly net: NetServer;
  private readonly requestListeners: RequestListener[] = [];

  constructor() {
    this.net = createNetServer((socket: Socket) => {
      socket.setNoDelay(true);
      new HttpConnection(this, socket);
    });
  }

  get listening(): boolean {
    return this.net.listening;
  }

  on(event: 'request', listener: RequestListener): this;
  on(event: 'listening' | 'close', listener: EventListener): this;
  on(event: 'error', listener: ErrorListener): this;
  on(event: string, listener: RequestListener | EventListener | ErrorListener): this {
    if (event === 'request') {
      this.requestListeners.push(listener as RequestListener);
    } else if (event === 'listening' || event === 'close') {
      this.net.on(event === 'listening' ? 'listening' : 'close', listener as EventListener);
    } else if (event === 'error') {
      this.net.on('error', listener as ErrorListener);
    }
    return this;
  }

  /** `listen(port, host, callback)`: see net's Server.listen (the callback goes third). */
  listen(port: number = 0, host?: string, callback?: EventListener): this {
    this.net.listen(port, host, callback);
    return this;
  }

  address(): AddressInfo {
    return this.net.address();
  }

  close(callback?: EventListener): this {
    this.net.close(callback);
    return this;
  }

  emitRequest(req: IncomingMessage, res: ServerResponse): void {
    for (const f of this.requestListeners) {
      f(req, res);
    }
  }
}

/** `http.createServer([requestListener])`. */
export function createServer(requestListener?: RequestListener): Server {
  const server = new Server();
  if (requestListener !== undefined) {
    server.on('request', requestListener);
  }
  return server;
}
