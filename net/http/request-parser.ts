// An HTTP/1.1 request parser (RFC 9112) for the server side, fed whatever TCP delivers — a
// whole pipeline of requests at once or one octet at a time — and wired by delegates like the
// layers of net/: onRequest with the head, onBody with runs of body octets, onComplete at the
// end of each message. The first error stops it for good with the status Node answers (431
// when the head passes MAX_HEADER_SIZE, else 400); the connection is then closed.
//
//   request  = request-line  (request-line.ts)
//              field-lines   (header-lines.ts) → framing (framing.ts)
//              body          Content-Length octets, or chunked (chunked.ts)

import type { i32 } from 'tsuk';
import { ChunkedDecoder } from './chunked';
import { framing } from './framing';
import { HeaderLinesParser } from './header-lines';
import { MAX_HEADER_SIZE, STATUS_BAD_REQUEST, STATUS_HEADERS_TOO_LARGE } from './limits';
import { DONE, FAILED, RequestLineParser } from './request-line';

export interface RequestHead {
  method: string;
  url: string;
  versionMajor: number;
  versionMinor: number;
  /** Names and values alternating, as received. */
  rawHeaders: string[];
  /** Whether the connection stays open after this exchange (before the response has its say). */
  keepAlive: boolean;
  /** Whether a body follows (Content-Length > 0 or chunked). */
  hasBody: boolean;
}

const LINE = 0;
const HEADERS = 1;
const BODY_LENGTH = 2;
const BODY_CHUNKED = 3;
const STOPPED = 4;

export class RequestParser {
  onRequest: (head: RequestHead) => void = (_h: RequestHead) => {};
  onBody: (data: Uint8Array) => void = (_d: Uint8Array) => {};
  onComplete: () => void = () => {};
  /** 0 while all is well; after an error the status to answer (400, 431). */
  status = 0;
  error = '';
  private phase: i32 = LINE;
  private headBytes = 0;
  private remaining = 0;
  private readonly line = new RequestLineParser();
  private readonly headers = new HeaderLinesParser();
  private readonly chunks = new ChunkedDecoder();

  constructor() {
    this.chunks.onData = (d: Uint8Array) => this.onBody(d);
  }

  /** Whether part of a request head has arrived and not all of it (the headers timeout runs). */
  inHead(): boolean {
    return (this.phase === LINE && !this.line.idle()) || this.phase === HEADERS;
  }

  /** Whether a message is between its first octet and its end. */
  inMessage(): boolean {
    return this.phase !== LINE || !this.line.idle();
  }

  /** Parses data[at, end) (end -1: to the end of data). */
  feed(data: Uint8Array, at: i32 = 0, end: i32 = -1): void {
    let i: i32 = at;
    if (end < 0) {
      end = data.length;
    }
    while (i < end && this.phase !== STOPPED) {
      if (this.phase === BODY_LENGTH) {
        const n: i32 = Math.min(end - i, this.remaining);
        this.remaining -= n;
        this.onBody(data.subarray(i, i + n));
        i += n;
        if (this.remaining === 0) {
          this.complete();
        }
      } else if (this.phase === BODY_CHUNKED) {
        i = this.chunks.feed(data, i, end);
        if (this.chunks.status === DONE) {
          this.complete();
        } else if (this.chunks.status === FAILED) {
          this.fail(STATUS_BAD_REQUEST, this.chunks.error);
        }
      } else {
        this.headOctet(data[i]);
        i++;
      }
    }
  }

  private headOctet(c: i32): void {
    if (this.phase === LINE && this.line.idle() && (c === 13 || c === 10)) {
      this.line.feed(c); // empty lines before a request do not count
      return;
    }
    this.headBytes++;
    if (this.headBytes > MAX_HEADER_SIZE) {
      this.fail(STATUS_HEADERS_TOO_LARGE, 'Header overflow');
      return;
    }
    if (this.phase === LINE) {
      const r = this.line.feed(c);
      if (r === FAILED) {
        this.fail(STATUS_BAD_REQUEST, this.line.error);
      } else if (r === DONE) {
        this.phase = HEADERS;
      }
      return;
    }
    const r = this.headers.feed(c);
    if (r === FAILED) {
      this.fail(STATUS_BAD_REQUEST, this.headers.error);
    } else if (r === DONE) {
      this.headComplete();
    }
  }

  private headComplete(): void {
    const f = framing(this.headers.raw, this.line.versionMajor, this.line.versionMinor);
    if (f.error !== '') {
      this.fail(STATUS_BAD_REQUEST, f.error);
      return;
    }
    const hasBody = f.chunked || f.contentLength > 0;
    this.onRequest({
      method: this.line.method,
      url: this.line.url,
      versionMajor: this.line.versionMajor,
      versionMinor: this.line.versionMinor,
      rawHeaders: this.headers.raw,
      keepAlive: f.keepAlive,
      hasBody,
    });
    if (this.phase === STOPPED) {
      return; // the listener gave up on the connection
    }
    if (f.chunked) {
      this.chunks.reset();
      this.phase = BODY_CHUNKED;
    } else if (f.contentLength > 0) {
      this.remaining = f.contentLength;
      this.phase = BODY_LENGTH;
    } else {
      this.complete();
    }
  }

  private complete(): void {
    this.phase = LINE;
    this.headBytes = 0;
    this.line.reset();
    this.headers.reset();
    this.onComplete();
  }

  /** Stops parsing: nothing more is taken from this connection. */
  stop(): void {
    this.phase = STOPPED;
  }

  private fail(status: number, why: string): void {
    this.status = status;
    this.error = why;
    this.phase = STOPPED;
  }
}
