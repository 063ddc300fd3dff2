// The octets of a token, a target or a field the parsers are reading, kept in one Buffer that
// grows when a longer one comes and is reused for the next: reading a request makes no garbage
// per octet, and each string is made once, from the octets, when the token ends. (Kept as
// number[] and spread into String.fromCharCode, a keep-alive GET left kilobytes of arrays per
// request: 8 bytes per octet, regrown while pushing, copied once more to be spread.)

import type { i32 } from 'tsuk';

export class Octets {
  length: i32 = 0;
  private bytes: Buffer = Buffer.alloc(64);

  push(c: i32): void {
    if (this.length === this.bytes.length) {
      const bigger = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(bigger);
      this.bytes = bigger;
    }
    this.bytes[this.length] = c;
    this.length++;
  }

  at(i: i32): i32 {
    return this.bytes[i];
  }

  clear(): void {
    this.length = 0;
  }

  /** The first `n` octets as a string, one character each (Node reads heads as latin1). */
  text(n: i32): string {
    return this.bytes.toString('latin1', 0, n);
  }

  /** Whether the octets are the characters of `s` (an ASCII string). */
  equals(s: string): boolean {
    if (s.length !== this.length) {
      return false;
    }
    for (let i: i32 = 0; i < this.length; i++) {
      if (this.bytes[i] !== s.charCodeAt(i)) {
        return false;
      }
    }
    return true;
  }
}
