// The DNS example's start-up: the zone `example.test.` from its master file, plus the paper's
// 10 000 synthetic hosts and one RRset only TCP can carry, behind a Responder. `startResponder`
// returns the one function the service entry (examples/dns.ts) calls per datagram or per
// message read from a TCP connection.

import { Name } from '../../net/dns/name';
import { parseMasterFile } from './master-file';
import { Responder } from './responder';
import { addLargeRRset, addSyntheticHosts, SYNTHETIC_COUNT } from './synthetic';
import { Zone } from './zone';

export const ORIGIN = 'example.test.';

/** The zone of the example: the master file's records, then the synthetic hosts. */
export function loadExampleZone(zoneText: string, syntheticCount: number = SYNTHETIC_COUNT): Zone {
  const zone = new Zone(Name.fromText(ORIGIN, null));
  const records = parseMasterFile(zoneText, zone.origin);
  for (const rr of records) zone.add(rr);
  addSyntheticHosts(zone, syntheticCount);
  addLargeRRset(zone);
  return zone;
}

export function startResponder(zoneText: string): (msg: Uint8Array, overTcp: boolean) => Uint8Array | null {
  const responder = new Responder(loadExampleZone(zoneText));
  return (msg: Uint8Array, overTcp: boolean): Uint8Array | null => responder.answer(msg, overTcp);
}
