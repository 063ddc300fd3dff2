// The paper's synthetic load: `h<i>.<origin> 3600 IN A 10.0.<i >> 8>.<i & 255>` for
// i = 0 … count-1, added to the zone at start-up so that a benchmark can ask for thousands of
// distinct names. Built label by label under the origin, so the names share its Name object.

import { CLASS_IN, TYPE_A } from '../../net/dns/constants';
import { Name } from '../../net/dns/name';
import { RData, ResourceRecord } from '../../net/dns/record';
import { Zone } from './zone';

export const SYNTHETIC_COUNT = 10000;
export const SYNTHETIC_TTL = 3600;

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
