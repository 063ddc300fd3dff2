// Domain names as the codec keeps them (RFC 1035 §3.1): a chain of labels ending at the root,
// each Name holding its leftmost label and a reference to its parent, so that the names of a
// zone share their common suffixes and a compressor can walk suffixes without allocating.
// Every Name carries its `key`, the ASCII-lowercased presentation form (`www.example.test.`),
// which is how names compare: DNS matching is case-insensitive for ASCII only (RFC 4343), so
// octets outside A–Z are never folded and non-printable octets are escaped as \DDD in the key.

import type { i32 } from 'tsuk';
import { MAX_LABEL_LENGTH, MAX_NAME_WIRE_LENGTH } from './constants';

/** ASCII-only case folding of one octet (RFC 4343 §3). */
export function lowerOctet(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** One step of the hash of a name's lowercased wire form (see NameScan.hash): a 31-multiplier
 *  string hash kept in int32. In tsuk the arithmetic wraps at 32 bits; on Node it is exact
 *  (below 2^37) and `| 0` wraps it: the same bits on both. */
export function hashStep(h: i32, octet: i32): i32 {
  return (h * 31 + octet) | 0;
}

/** The hash of a whole (lowercased, uncompressed) wire name. */
export function wireHash(wire: Uint8Array): i32 {
  let h: i32 = 0;
  for (let i = 0; i < wire.length; i++) h = hashStep(h, wire[i]);
  return h;
}

/** The octets a label's presentation form escapes with a backslash: . \ " ; ( ) @ $ */
function isSpecial(c: number): boolean {
  return c === 0x2e || c === 0x5c || c === 0x22 || c === 0x3b || c === 0x28 || c === 0x29 || c === 0x40 || c === 0x24;
}

/** Octets outside printable ASCII, written as \DDD. */
function isUnprintable(c: number): boolean {
  return c <= 0x20 || c >= 0x7f;
}

/** Presentation form of one label (RFC 1035 §5.1): specials backslash-escaped, octets outside
 *  printable ASCII as \DDD. `lower` folds A–Z, for keys. */
function labelText(label: Uint8Array, lower: boolean): string {
  let s = '';
  for (let i = 0; i < label.length; i++) {
    let c = label[i];
    if (lower) c = lowerOctet(c);
    if (isUnprintable(c)) {
      s += c < 10 ? '\\00' + String(c) : c < 100 ? '\\0' + String(c) : '\\' + String(c);
    } else if (isSpecial(c)) {
      s += '\\' + String.fromCharCode(c);
    } else {
      s += String.fromCharCode(c);
    }
  }
  return s;
}

/** True when `written` spells `label` octet for octet in printable ASCII needing no escape. */
function plainText(label: Uint8Array, written: string): boolean {
  if (written.length !== label.length) return false;
  for (let i = 0; i < label.length; i++) {
    const c = written.charCodeAt(i);
    if (c !== label[i] || isUnprintable(c) || isSpecial(c)) {
      return false;
    }
  }
  return true;
}

export class Name {
  /** `label` is this name's leftmost label (empty for the root), `parent` the rest. */
  constructor(
    readonly label: Uint8Array,
    readonly parent: Name | null,
    /** Lowercased presentation form, absolute (ends with a dot); "." for the root. */
    readonly key: string,
    /** Octets of the uncompressed wire form, the final zero octet included. */
    readonly wireLength: number,
    readonly labelCount: number,
  ) {}

  /** The name `label.parent`; throws when the label or the whole name is too long. `written`,
   *  when given, is the label as the caller wrote it: if it needs no escapes, its lowercase is
   *  the label's key text, saving the octet-by-octet conversion (zones load thousands). */
  static child(label: Uint8Array, parent: Name, written: string = ''): Name {
    if (label.length === 0) throw new Error('empty label');
    if (label.length > MAX_LABEL_LENGTH) throw new Error('label longer than 63 octets');
    const wireLength = parent.wireLength + label.length + 1;
    if (wireLength > MAX_NAME_WIRE_LENGTH) throw new Error('name longer than 255 octets');
    const text = plainText(label, written) ? written.toLowerCase() : labelText(label, true);
    const key = parent.parent === null ? text + '.' : text + '.' + parent.key;
    return new Name(label, parent, key, wireLength, parent.labelCount + 1);
  }

  /** Parses a name in presentation form (RFC 1035 §5.1: `\X` and `\DDD` escapes). A name
   *  without a final dot is relative to `origin`; `@` is the origin itself. */
  static fromText(text: string, origin: Name | null): Name {
    if (text === '@') {
      if (origin === null) throw new Error('@ without an origin');
      return origin;
    }
    if (text === '.') return ROOT;
    const labels: Uint8Array[] = [];
    const written: string[] = [];
    const current = new Uint8Array(MAX_LABEL_LENGTH + 1);
    let n = 0;
    let absolute = false;
    let i = 0;
    let labelStart = 0;
    while (i < text.length) {
      let c = text.charCodeAt(i);
      i++;
      if (c === 0x2e) {
        if (n === 0) throw new Error(`empty label in ${text}`);
        labels.push(current.slice(0, n));
        written.push(text.slice(labelStart, i - 1));
        labelStart = i;
        n = 0;
        if (i === text.length) absolute = true;
        continue;
      }
      if (c === 0x5c) {
        if (i >= text.length) throw new Error(`dangling backslash in ${text}`);
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) {
          if (i + 3 > text.length) throw new Error(`bad \\DDD escape in ${text}`);
          c = 0;
          for (let k = 0; k < 3; k++) {
            const digit = text.charCodeAt(i + k) - 0x30;
            if (digit < 0 || digit > 9) throw new Error(`bad \\DDD escape in ${text}`);
            c = c * 10 + digit;
          }
          if (c > 255) throw new Error(`bad \\DDD escape in ${text}`);
          i += 3;
        } else {
          c = d;
          i++;
        }
      }
      if (c > 255) throw new Error(`non-ASCII character in name ${text}`);
      if (n === MAX_LABEL_LENGTH) throw new Error(`label longer than 63 octets in ${text}`);
      current[n] = c;
      n++;
    }
    if (n > 0) {
      labels.push(current.slice(0, n));
      written.push(text.slice(labelStart));
    }
    let name: Name;
    if (absolute) {
      name = ROOT;
    } else {
      if (origin === null) throw new Error(`relative name ${text} without an origin`);
      name = origin;
    }
    for (let k = labels.length - 1; k >= 0; k--) name = Name.child(labels[k], name, written[k]);
    return name;
  }

  isRoot(): boolean {
    return this.parent === null;
  }

  equals(other: Name): boolean {
    return this === other || this.key === other.key;
  }

  /** True when this name is `other` or below it. */
  isSubdomainOf(other: Name): boolean {
    let n: Name = this;
    while (n.labelCount > other.labelCount) n = n.parent!;
    return n.equals(other);
  }

  /** The uncompressed wire form; ASCII-lowercased when `lower`. */
  toWire(lower: boolean = false): Uint8Array {
    const out = new Uint8Array(this.wireLength);
    let at = 0;
    let n: Name = this;
    while (n.parent !== null) {
      out[at] = n.label.length;
      for (let i = 0; i < n.label.length; i++) out[at + 1 + i] = lower ? lowerOctet(n.label[i]) : n.label[i];
      at += n.label.length + 1;
      n = n.parent;
    }
    out[at] = 0;
    return out;
  }

  /** The hash of the lowercased wire form, as `scanName` computes it from a message. */
  hash(): number {
    return wireHash(this.toWire(true));
  }

  /** Presentation form in the original case, absolute. */
  toString(): string {
    if (this.parent === null) return '.';
    let s = '';
    let n: Name = this;
    while (n.parent !== null) {
      s += labelText(n.label, false) + '.';
      n = n.parent;
    }
    return s;
  }
}

export const ROOT = new Name(new Uint8Array(0), null, '.', 1, 0);
