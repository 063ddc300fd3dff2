// The paper's synthetic load: `h<i>.<origin> 3600 IN A 10.0.<i >> 8>.<i & 255>` for
// i = 0 … count-1, added to the zone at start-up so that a benchmark can ask for thousands of
// distinct names. Built label by label under the origin, so the names share its Name object.
// Also one RRset too large for any UDP reply, `large.<origin> TXT`, whose whole answer (about
// 63 000 octets) only DNS over TCP can carry: 240 strings of 250 octets, each naming its index.

import { CLASS_IN, TYPE_A, TYPE_TXT } from '../../net/dns/constants';
import { Name } from '../../net/dns/name';
import { RData, ResourceRecord } from '../../net/dns/record';
import { Zone } from './zone';

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

export function addSyntheticHosts(zone: Zone, count: number): void {
  for (let i = 0; i < count; i++) {
    const address = new Uint8Array(4);
    address[0] = 10;
    address[1] = 0;
    address[2] = (i >> 8) & 0xff;
    address[3] = i & 0xff;
    const label = 'h' + String(i);
    const owner = Name.child(labelOctets(label), zone.origin, label);
    zone.add(new ResourceRecord(owner, TYPE_A, CLASS_IN, SYNTHETIC_TTL, RData.octets(address)));
  }
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
