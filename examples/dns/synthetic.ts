// The paper's synthetic load: `h<i>.<origin> 3600 IN A 10.0.<i >> 8>.<i & 255>` for
// i = 0 … count-1, so that a benchmark can ask for thousands of distinct names. They are not
// built at start-up (that took most of the image's boot: 10 000 names, nodes and records under
// TCG) but computed when first asked for (Zone.generate): a label `h` + a decimal number
// without leading zeros, below `count`, names a host; its node, once made, stays in the zone.
// Each name is made under the origin, so the names share its Name object.
// Also one RRset too large for any UDP reply, `large.<origin> TXT`, whose whole answer (about
// 63 000 octets) only DNS over TCP can carry: 240 strings of 250 octets, each naming its index.

import { CLASS_IN, TYPE_A, TYPE_TXT } from '../../net/dns/constants';
import { Name } from '../../net/dns/name';
import { RData, ResourceRecord } from '../../net/dns/record';
import type { i32 } from 'tsuk';
import { GeneratedNames, Zone } from './zone';

export const SYNTHETIC_COUNT = 10000;
export const SYNTHETIC_TTL = 3600;
export const LARGE_LABEL = 'large';
export const LARGE_COUNT = 240;
/** Octets of each TXT string of the large RRset. */
export const LARGE_STRING = 250;

/** The octets of a label written in ASCII. */
function labelOctets(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

/** The hosts `h0` … `h<count-1>` under `origin`. */
class SyntheticHosts implements GeneratedNames {
  constructor(
    readonly origin: Name,
    readonly count: i32,
  ) {}

  nameAt(octets: Uint8Array, at: i32, length: i32): Name | null {
    // 'h' or 'H', then 1 to 9 digits (an i32 holds them), no leading zero (h01 is not h1).
    if (length < 2 || length > 10 || (octets[at] !== 104 && octets[at] !== 72)) return null;
    if (octets[at + 1] === 48 && length > 2) return null;
    let i: i32 = 0;
    for (let k = 1; k < length; k++) {
      const digit: i32 = octets[at + k] - 48;
      if (digit < 0 || digit > 9) return null;
      i = i * 10 + digit;
    }
    if (i >= this.count) return null;
    const label = 'h' + String(i);
    return Name.child(labelOctets(label), this.origin, label);
  }

  records(owner: Name): ResourceRecord[] {
    let i: i32 = 0;
    for (let k = 1; k < owner.label.length; k++) i = i * 10 + owner.label[k] - 48;
    const address = new Uint8Array(4);
    address[0] = 10;
    address[1] = 0;
    address[2] = (i >> 8) & 0xff;
    address[3] = i & 0xff;
    return [new ResourceRecord(owner, TYPE_A, CLASS_IN, SYNTHETIC_TTL, RData.octets(address))];
  }
}

/** Serves the synthetic hosts from `zone` (computed on demand, see above). */
export function addSyntheticHosts(zone: Zone, count: number): void {
  zone.generate(new SyntheticHosts(zone.origin, count));
}

/** `large.<origin> 3600 IN TXT "large record <i> ...."` for i = 0 … LARGE_COUNT-1, each string
 *  padded with dots to LARGE_STRING octets so that the records differ and the answer is ~63 KB. */
export function addLargeRRset(zone: Zone): void {
  const owner = Name.child(labelOctets(LARGE_LABEL), zone.origin, LARGE_LABEL);
  for (let i = 0; i < LARGE_COUNT; i++) {
    const head = labelOctets('large record ' + String(i) + ' ');
    const rdata = new Uint8Array(1 + LARGE_STRING);
    rdata[0] = LARGE_STRING;
    for (let k = 0; k < LARGE_STRING; k++) rdata[1 + k] = k < head.length ? head[k] : 46; // '.'
    zone.add(new ResourceRecord(owner, TYPE_TXT, CLASS_IN, SYNTHETIC_TTL, RData.octets(rdata)));
  }
}
