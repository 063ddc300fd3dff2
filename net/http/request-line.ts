// The request line of HTTP/1.1 (RFC 9112 §3): method SP request-target SP HTTP-version CRLF,
// parsed one octet at a time. Strict as Node 20's llhttp: a known method in upper case, a
// target of visible octets, HTTP/d.d among the versions llhttp knows, and CR LF — a bare LF
// is a 400 in Node 20, so it is here. Empty lines before the request are skipped (RFC 9112 §2.2).

import type { i32 } from 'tsuk';
import { CR, LF, SP, isTargetChar, isTokenChar } from './tokens';
import { Octets } from './octets';

/** Node's http.METHODS. */
export const METHODS: string[] = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];

/** HTTP versions llhttp accepts, as major * 10 + minor. */
const VERSIONS: number[] = [9, 10, 11, 20, 30];

/** What feed() says about the octet it took. */
export const MORE = 0;
export const DONE = 1;
export const FAILED = -1;

const START = 0;
const METHOD = 1;
const BEFORE_TARGET = 2;
const TARGET = 3;
const BEFORE_VERSION = 4;
const VERSION = 5;
const AFTER_CR = 6;

export class RequestLineParser {
  method = '';
  url = '';
  versionMajor = 1;
  versionMinor = 1;
  /** Why the line was refused, once feed() returned FAILED. */
  error = '';
  private state: i32 = START;
  private readonly bytes = new Octets();

  reset(): void {
    this.state = START;
    this.bytes.clear();
    this.error = '';
  }

  /** Whether nothing of the line has been seen yet (only empty lines, or nothing). */
  idle(): boolean {
    return this.state === START;
  }

  feed(c: i32): i32 {
    switch (this.state) {
      case START:
        if (c === CR || c === LF) {
          return MORE;
        }
        this.state = METHOD;
        return this.method1(c);
      case METHOD:
        return this.method1(c);
      case BEFORE_TARGET:
        if (c === SP) {
          return MORE;
        }
        this.state = TARGET;
        return this.target(c);
      case TARGET:
        return this.target(c);
      case BEFORE_VERSION:
        if (c === SP) {
          return MORE;
        }
        this.state = VERSION;
        return this.version(c);
      case VERSION:
        return this.version(c);
      default: // AFTER_CR
        if (c !== LF) {
          return this.fail('Missing expected LF after request line');
        }
        return DONE;
    }
  }

  // method = token, one of METHODS
  private method1(c: i32): i32 {
    if (c === SP) {
      // One of the known methods' strings, not a new one per request.
      let m = '';
      for (const known of METHODS) {
        if (this.bytes.equals(known)) {
          m = known;
        }
      }
      if (m === '') {
        return this.fail('Invalid method encountered');
      }
      this.method = m;
      this.bytes.clear();
      this.state = BEFORE_TARGET;
      return MORE;
    }
    if (!isTokenChar(c) || this.bytes.length >= 16) {
      return this.fail('Invalid method encountered');
    }
    this.bytes.push(c);
    return MORE;
  }

  // request-target = visible octets up to SP
  private target(c: i32): i32 {
    if (c === SP) {
      this.url = this.bytes.text(this.bytes.length);
      this.bytes.clear();
      this.state = BEFORE_VERSION;
      return MORE;
    }
    if (!isTargetChar(c)) {
      return this.fail('Invalid characters in url');
    }
    this.bytes.push(c);
    return MORE;
  }

  // HTTP-version = "HTTP/" DIGIT "." DIGIT, then CR LF
  private version(c: i32): i32 {
    if (c !== CR) {
      if (this.bytes.length >= 8) {
        return this.fail('Expected CRLF after version');
      }
      this.bytes.push(c);
      return MORE;
    }
    const b = this.bytes;
    if (b.length !== 8 || b.at(0) !== 72 || b.at(1) !== 84 || b.at(2) !== 84 || b.at(3) !== 80 || b.at(4) !== 47 || b.at(6) !== 46) {
      return this.fail('Invalid HTTP version'); // not "HTTP/" DIGIT "." DIGIT
    }
    const major = b.at(5) - 48;
    const minor = b.at(7) - 48;
    if (!VERSIONS.includes(major * 10 + minor)) {
      return this.fail('Invalid HTTP version');
    }
    this.versionMajor = major;
    this.versionMinor = minor;
    this.bytes.clear();
    this.state = AFTER_CR;
    return MORE;
  }

  private fail(why: string): i32 {
    this.error = why;
    return FAILED;
  }
}
