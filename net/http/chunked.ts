// The chunked transfer coding of a request body (RFC 9112 §7.1): hex size [; extensions] CRLF,
// that many octets, CRLF, … a zero size, trailer lines, CRLF. Takes octets in runs (a whole
// chunk's data goes out as one subarray) or one at a time; strict as Node 20: a size of hex
// digits only and of bounded length, CR LF after every part (a bare LF is a 400).

import type { i32 } from 'tsuk';
import { CR, LF, isValueChar, hexValue } from './tokens';
import { MAX_CHUNK_SIZE_DIGITS } from './limits';
import { DONE, FAILED, MORE } from './request-line';
import { HeaderLinesParser } from './header-lines';

const SIZE = 0;
const EXTENSION = 1;
const SIZE_LF = 2;
const DATA = 3;
const DATA_CR = 4;
const DATA_LF = 5;
const TRAILERS = 6;

export class ChunkedDecoder {
  /** Receives each run of body octets (a view into the caller's array). */
  onData: (data: Uint8Array) => void = (_d: Uint8Array) => {};
  /** MORE while the body goes on, DONE after the last trailer line, FAILED with `error`. */
  status: i32 = MORE;
  error = '';
  private state: i32 = SIZE;
  private digits = 0;
  private size = 0;
  private readonly trailers = new HeaderLinesParser();

  reset(): void {
    this.status = MORE;
    this.error = '';
    this.state = SIZE;
    this.digits = 0;
    this.size = 0;
    this.trailers.reset();
  }

  /** Takes octets from data[at] on; returns where it stopped (at DONE or FAILED, or `end`). */
  feed(data: Uint8Array, at: i32, end: i32): i32 {
    let i: i32 = at;
    while (i < end && this.status === MORE) {
      if (this.state === DATA) {
        const n: i32 = Math.min(end - i, this.size);
        this.onData(data.subarray(i, i + n));
        this.size -= n;
        i += n;
        if (this.size === 0) {
          this.state = DATA_CR;
        }
        continue;
      }
      this.octet(data[i]);
      i++;
    }
    return i;
  }

  private octet(c: i32): void {
    switch (this.state) {
      case SIZE: {
        const v = hexValue(c);
        if (v >= 0) {
          this.digits++;
          if (this.digits > MAX_CHUNK_SIZE_DIGITS) {
            this.fail('Chunk size overflow');
            return;
          }
          this.size = this.size * 16 + v;
        } else if (this.digits === 0) {
          this.fail('Invalid character in chunk size');
        } else if (c === CR) {
          this.state = SIZE_LF;
        } else if (c === 59) { // ';'
          this.state = EXTENSION;
        } else {
          this.fail('Invalid character in chunk size');
        }
        return;
      }
      case EXTENSION:
        if (c === CR) {
          this.state = SIZE_LF;
        } else if (!isValueChar(c)) {
          this.fail('Invalid character in chunk extensions');
        }
        return;
      case SIZE_LF:
        if (c !== LF) {
          this.fail('Missing expected LF after chunk size');
        } else if (this.size === 0) {
          this.state = TRAILERS;
        } else {
          this.state = DATA;
        }
        return;
      case DATA_CR:
        if (c !== CR) {
          this.fail('Expected CRLF after chunk data');
        } else {
          this.state = DATA_LF;
        }
        return;
      case DATA_LF:
        if (c !== LF) {
          this.fail('Expected LF after chunk data');
        } else {
          this.state = SIZE;
          this.digits = 0;
        }
        return;
      default: { // TRAILERS
        const r = this.trailers.feed(c);
        if (r === DONE) {
          this.status = DONE;
        } else if (r === FAILED) {
          this.fail(this.trailers.error);
        }
      }
    }
  }

  private fail(why: string): void {
    this.error = why;
    this.status = FAILED;
  }
}
