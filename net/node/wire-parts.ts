// A response head in the making: the strings it is made of, kept as they are (literals and
// the service's own header names and values) and encoded once, into one array with the body
// after them. Joining them with `+` first made a new, longer string per field and per part, and
// then its UTF-8 copy: most of the garbage a keep-alive response left (net/node/http.ts).

import type { i32 } from 'tsuk';
import { encodeUtf8Into, utf8Length } from '../../runtime/js/utf8';

export class WireParts {
  private readonly parts: string[] = [];
  private size: i32 = 0;

  add(s: string): void {
    this.parts.push(s);
    this.size += utf8Length(s);
  }

  /** The parts' UTF-8, then `tail`'s octets, in one new array; the parts are cleared. */
  take(tail: Uint8Array | null): Uint8Array {
    const out = new Uint8Array(this.size + (tail === null ? 0 : tail.length));
    let at: i32 = 0;
    for (const s of this.parts) {
      at = encodeUtf8Into(s, out, at);
    }
    if (tail !== null) {
      out.set(tail, at);
    }
    this.parts.length = 0;
    this.size = 0;
    return out;
  }
}
