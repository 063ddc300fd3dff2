// RDATA in master-file form (RFC 1035 §5, RFC 3596 §2.4 for AAAA, RFC 2782 for SRV, RFC 3597
// §5 for `\# length hex` of any type) turned into the codec's RData. Numbers are checked
// against their field widths; anything unexpected is an error naming the problem.

import { TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_MX, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV, TYPE_TXT } from '../../net/dns/constants';
import { Name } from '../../net/dns/name';
import { RData } from '../../net/dns/record';
import { readU16, writeU16, writeU32 } from '../../net/byte-order';
import { Token } from './master-tokens';

const MNEMONICS: string[] = ['A', 'NS', 'CNAME', 'SOA', 'PTR', 'MX', 'TXT', 'AAAA', 'SRV'];
const TYPES: number[] = [TYPE_A, TYPE_NS, TYPE_CNAME, TYPE_SOA, TYPE_PTR, TYPE_MX, TYPE_TXT, TYPE_AAAA, TYPE_SRV];

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A decimal number of at most `max`; throws otherwise. */
export function parseNumber(s: string, max: number, what: string): number {
  if (!isDigits(s)) throw new Error(`bad ${what}: ${s}`);
  const n = Number(s);
  if (n > max) throw new Error(`${what} out of range: ${s}`);
  return n;
}

/** A TTL or SOA timer: seconds, or BIND's units (`1h30m`, `2w`); -1 when `s` is not one. */
export function parseTtl(s: string): number {
  if (s.length === 0) return -1;
  const c0 = s.charCodeAt(0);
  if (c0 < 0x30 || c0 > 0x39) return -1;
  let total = 0;
  let current = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      current = current * 10 + (c - 0x30);
      digits++;
      continue;
    }
    if (digits === 0) return -1;
    const unit = c | 0x20;
    const scale = unit === 0x73 ? 1 : unit === 0x6d ? 60 : unit === 0x68 ? 3600 : unit === 0x64 ? 86400 : unit === 0x77 ? 604800 : 0;
    if (scale === 0) return -1;
    total += current * scale;
    current = 0;
    digits = 0;
  }
  total += current;
  return total > 0xffffffff ? -1 : total;
}

/** The type number of a mnemonic or of `TYPEnnn` (RFC 3597 §5); -1 when it is neither. */
export function typeNumber(s: string): number {
  const upper = s.toUpperCase();
  for (let i = 0; i < MNEMONICS.length; i++) if (MNEMONICS[i] === upper) return TYPES[i];
  if (upper.startsWith('TYPE') && isDigits(upper.slice(4))) return parseNumber(upper.slice(4), 65535, 'type');
  return -1;
}

function requireFields(tokens: Token[], count: number, what: string): void {
  if (tokens.length !== count) throw new Error(`${what} takes ${count} fields, found ${tokens.length}`);
}

function u16Octets(n: number): Uint8Array {
  const out = new Uint8Array(2);
  writeU16(out, 0, n);
  return out;
}

export function parseIPv4(s: string, out: Uint8Array, at: number): void {
  const parts = s.split('.');
  if (parts.length !== 4) throw new Error(`bad IPv4 address: ${s}`);
  for (let i = 0; i < 4; i++) out[at + i] = parseNumber(parts[i], 255, 'IPv4 address');
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Parses the groups of one side of an IPv6 address into 16-bit values; an embedded IPv4
 *  address at the end counts as two groups. */
function ipv6Groups(s: string, groups: number[], full: string): void {
  if (s.length === 0) return;
  const parts = s.split(':');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = new Uint8Array(4);
      parseIPv4(p, v4, 0);
      groups.push(readU16(v4, 0));
      groups.push(readU16(v4, 2));
      continue;
    }
    if (p.length === 0 || p.length > 4) throw new Error(`bad IPv6 address: ${full}`);
    let v = 0;
    for (let k = 0; k < p.length; k++) {
      const h = hexValue(p.charCodeAt(k));
      if (h < 0) throw new Error(`bad IPv6 address: ${full}`);
      v = v * 16 + h;
    }
    groups.push(v);
  }
}

export function parseIPv6(s: string): Uint8Array {
  const gap = s.indexOf('::');
  const head: number[] = [];
  const tail: number[] = [];
  if (gap < 0) {
    ipv6Groups(s, head, s);
    if (head.length !== 8) throw new Error(`bad IPv6 address: ${s}`);
  } else {
    if (s.indexOf('::', gap + 1) >= 0) throw new Error(`bad IPv6 address: ${s}`);
    ipv6Groups(s.slice(0, gap), head, s);
    ipv6Groups(s.slice(gap + 2), tail, s);
    if (head.length + tail.length > 7) throw new Error(`bad IPv6 address: ${s}`);
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < head.length; i++) writeU16(out, 2 * i, head[i]);
  for (let i = 0; i < tail.length; i++) writeU16(out, 16 - 2 * (tail.length - i), tail[i]);
  return out;
}

/** A <character-string> (RFC 1035 §3.3) with `\X` and `\DDD` escapes, length octet first. */
function characterString(text: string): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    let c = text.charCodeAt(i);
    i++;
    if (c === 0x5c && i < text.length) {
      const d = text.charCodeAt(i);
      if (d >= 0x30 && d <= 0x39 && i + 3 <= text.length) {
        c = parseNumber(text.slice(i, i + 3), 255, 'escape');
        i += 3;
      } else {
        c = d;
        i++;
      }
    }
    if (c > 255) throw new Error(`non-Latin-1 character in string: ${text}`);
    n++;
    if (n > 255) throw new Error('character-string longer than 255 octets');
    out[n] = c;
  }
  out[0] = n;
  return out.slice(0, n + 1);
}

/** RFC 3597 §5: `\# <length> <hex>…`. */
function genericRData(tokens: Token[]): RData {
  const length = parseNumber(tokens[1].text, 65535, 'RDATA length');
  let hex = '';
  for (let i = 2; i < tokens.length; i++) hex += tokens[i].text;
  if (hex.length !== 2 * length) throw new Error(`\\# RDATA of ${hex.length / 2} octets, ${length} declared`);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const hi = hexValue(hex.charCodeAt(2 * i));
    const lo = hexValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new Error(`bad hex in \\# RDATA: ${hex}`);
    out[i] = hi * 16 + lo;
  }
  return RData.octets(out);
}

/** The RDATA of a record of `type` from its tokens; relative names are below `origin`. */
export function parseRData(type: number, tokens: Token[], origin: Name): RData {
  if (tokens.length >= 1 && tokens[0].text === '\\#' && !tokens[0].quoted) return genericRData(tokens);
  if (type === TYPE_A) {
    requireFields(tokens, 1, 'A');
    const out = new Uint8Array(4);
    parseIPv4(tokens[0].text, out, 0);
    return RData.octets(out);
  }
  if (type === TYPE_AAAA) {
    requireFields(tokens, 1, 'AAAA');
    return RData.octets(parseIPv6(tokens[0].text));
  }
  if (type === TYPE_NS || type === TYPE_CNAME || type === TYPE_PTR) {
    requireFields(tokens, 1, 'a name');
    return new RData(new Uint8Array(0), [Name.fromText(tokens[0].text, origin)], new Uint8Array(0));
  }
  if (type === TYPE_MX) {
    requireFields(tokens, 2, 'MX');
    return new RData(u16Octets(parseNumber(tokens[0].text, 65535, 'MX preference')), [Name.fromText(tokens[1].text, origin)], new Uint8Array(0));
  }
  if (type === TYPE_TXT) {
    if (tokens.length === 0) throw new Error('TXT without strings');
    const strings: Uint8Array[] = [];
    let total = 0;
    for (const t of tokens) {
      const s = characterString(t.text);
      strings.push(s);
      total += s.length;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const s of strings) {
      out.set(s, at);
      at += s.length;
    }
    return RData.octets(out);
  }
  if (type === TYPE_SOA) {
    requireFields(tokens, 7, 'SOA');
    const counters = new Uint8Array(20);
    for (let i = 0; i < 5; i++) {
      const v = parseTtl(tokens[2 + i].text);
      if (v < 0) throw new Error(`bad SOA field: ${tokens[2 + i].text}`);
      writeU32(counters, 4 * i, v);
    }
    return new RData(new Uint8Array(0), [Name.fromText(tokens[0].text, origin), Name.fromText(tokens[1].text, origin)], counters);
  }
  if (type === TYPE_SRV) {
    requireFields(tokens, 4, 'SRV');
    const fixed = new Uint8Array(6);
    for (let i = 0; i < 3; i++) {
      writeU16(fixed, 2 * i, parseNumber(tokens[i].text, 65535, 'SRV field'));
    }
    return new RData(fixed, [Name.fromText(tokens[3].text, origin)], new Uint8Array(0));
  }
  throw new Error(`type ${type} needs RDATA in \\# form`);
}
