// Field lines (RFC 9112 §5): `name: value` CRLF … CRLF, one octet at a time; the header
// section after the request line and the trailer section after a chunked body. Strict as
// Node 20: the name is a token with no space before the colon, the value has no controls
// but HTAB, every line ends in CR LF (a bare LF is a 400), and obs-fold (a line starting with
// white space) is refused. Names and values are kept as sent (latin1), values trimmed.

import type { i32 } from 'tsuk';
import { COLON, CR, HTAB, LF, SP, isTokenChar, isValueChar } from './tokens';
import { Octets } from './octets';
import { DONE, FAILED, MORE } from './request-line';

const LINE_START = 0;
const NAME = 1;
const BEFORE_VALUE = 2;
const VALUE = 3;
const VALUE_CR = 4;
const END_CR = 5;

export class HeaderLinesParser {
  /** Names and values alternating, as received (IncomingMessage.rawHeaders). */
  raw: string[] = [];
  error = '';
  private state: i32 = LINE_START;
  private readonly name = new Octets();
  private readonly value = new Octets();

  reset(): void {
    this.raw = [];
    this.error = '';
    this.state = LINE_START;
    this.name.clear();
    this.value.clear();
  }

  feed(c: i32): i32 {
    switch (this.state) {
      case LINE_START:
        if (c === CR) {
          this.state = END_CR;
          return MORE;
        }
        if (c === SP || c === HTAB) {
          return this.fail('Unexpected whitespace after header value'); // obs-fold
        }
        this.state = NAME;
        return this.nameOctet(c);
      case NAME:
        return this.nameOctet(c);
      case BEFORE_VALUE:
        if (c === SP || c === HTAB) {
          return MORE;
        }
        this.state = VALUE;
        return this.valueOctet(c);
      case VALUE:
        return this.valueOctet(c);
      case VALUE_CR:
        if (c !== LF) {
          return this.fail('Missing expected LF after header value');
        }
        this.endLine();
        return MORE;
      default: // END_CR
        if (c !== LF) {
          return this.fail('Missing expected LF after headers');
        }
        return DONE;
    }
  }

  // field-name = token, then ":"
  private nameOctet(c: i32): i32 {
    if (c === COLON) {
      if (this.name.length === 0) {
        return this.fail('Invalid header field char');
      }
      this.state = BEFORE_VALUE;
      return MORE;
    }
    if (!isTokenChar(c)) {
      return this.fail('Invalid header token');
    }
    this.name.push(c);
    return MORE;
  }

  // field-value = *( field-vchar / SP / HTAB ), then CR LF
  private valueOctet(c: i32): i32 {
    if (c === CR) {
      this.state = VALUE_CR;
      return MORE;
    }
    if (!isValueChar(c)) {
      return this.fail('Invalid header value char');
    }
    this.value.push(c);
    return MORE;
  }

  private endLine(): void {
    let n: i32 = this.value.length;
    while (n > 0 && (this.value.at(n - 1) === SP || this.value.at(n - 1) === HTAB)) {
      n--;
    }
    this.raw.push(this.name.text(this.name.length));
    this.raw.push(this.value.text(n));
    this.name.clear();
    this.value.clear();
    this.state = LINE_START;
  }

  private fail(why: string): i32 {
    this.error = why;
    return FAILED;
  }
}
