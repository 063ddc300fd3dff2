// An authoritative zone in memory: its nodes (one per owner name, plus the empty non-terminals
// between them and the apex, which exist for NXDOMAIN purposes: RFC 8020) in a Map keyed by the
// lowercased name, and a second index keyed by the hash of the lowercased wire form so that a
// query's name is found straight from the message octets, without building a string per query.

import { CLASS_IN, TYPE_CNAME, TYPE_SOA } from '../../net/dns/constants';
import type { i32 } from 'tsuk';
import { Name, wireHash } from '../../net/dns/name';
import { readU32 } from '../../net/byte-order';
import { ResourceRecord, RRset } from '../../net/dns/record';

export class ZoneNode {
  readonly rrsets: RRset[] = [];
  /** The name's lowercased wire form, compared octet by octet against a query's. */
  readonly lowerWire: Uint8Array;
  /** The next node whose name has the same hash. */
  nextSameHash: ZoneNode | null = null;

  constructor(readonly name: Name) {
    this.lowerWire = name.toWire(true);
  }

  find(type: number): RRset | null {
    for (let i = 0; i < this.rrsets.length; i++) if (this.rrsets[i].type === type) return this.rrsets[i];
    return null;
  }
}

export class Zone {
  private readonly byName = new Map<string, ZoneNode>();
  private readonly byHash = new Map<number, ZoneNode>();
  readonly apex: ZoneNode;

  constructor(readonly origin: Name) {
    this.apex = this.node(origin);
  }

  /** Adds a record of class IN at or below the origin. A name with a CNAME holds nothing else
   *  (RFC 1034 §3.6.2); the same data twice is kept once (RFC 2181 §5). */
  add(rr: ResourceRecord): void {
    if (rr.rclass !== CLASS_IN) throw new Error(`${rr.owner.toString()}: only class IN is served`);
    if (!rr.owner.isSubdomainOf(this.origin)) throw new Error(`${rr.owner.toString()} is outside ${this.origin.toString()}`);
    if (rr.type === TYPE_SOA && !rr.owner.equals(this.origin)) {
      throw new Error(`SOA at ${rr.owner.toString()}, not at the apex`);
    }
    const node = this.node(rr.owner);
    const hasCname = node.find(TYPE_CNAME) !== null;
    if ((rr.type === TYPE_CNAME && node.rrsets.length > 0 && !hasCname) || (rr.type !== TYPE_CNAME && hasCname)) {
      throw new Error(`${rr.owner.toString()}: a CNAME and other data`);
    }
    let set = node.find(rr.type);
    if (set === null) {
      set = new RRset(node.name, rr.type);
      node.rrsets.push(set);
    }
    for (const other of set.records) if (other.sameData(rr)) return;
    if (rr.type === TYPE_CNAME && set.records.length > 0) throw new Error(`${rr.owner.toString()}: two CNAMEs`);
    set.records.push(rr);
  }

  /** The node of a name, or null when the name does not exist in the zone. */
  lookup(name: Name): ZoneNode | null {
    const node = this.byName.get(name.key);
    return node === undefined ? null : node;
  }

  /** The node whose name is the (uncompressed, already validated) wire name at `msg[at]`, whose
   *  lowercased hash the caller computed while validating it. */
  lookupWire(msg: Uint8Array, at: i32, wireLength: i32, hash: number): ZoneNode | null {
    const first = this.byHash.get(hash);
    let node: ZoneNode | null = first === undefined ? null : first;
    while (node !== null) {
      const wire = node.lowerWire;
      if (wire.length === wireLength) {
        let i: i32 = 0;
        while (i < wireLength) {
          const c: i32 = msg[at + i];
          if ((c >= 65 && c <= 90 ? c + 32 : c) !== wire[i]) break; // lowerOctet(c), inlined
          i++;
        }
        if (i === wireLength) return node;
      }
      node = node.nextSameHash;
    }
    return null;
  }

  /** The apex SOA RRset; the zone is unusable without it. */
  soa(): RRset {
    const set = this.apex.find(TYPE_SOA);
    if (set === null || set.records.length !== 1) throw new Error(`${this.origin.toString()} has no SOA record`);
    return set;
  }

  /** TTL of negative answers: min(SOA MINIMUM, SOA TTL) (RFC 2308 §5). */
  negativeTtl(): number {
    const soa = this.soa().records[0];
    const suffix = soa.rdata.suffix;
    const minimum = readU32(suffix, 16);
    return minimum < soa.ttl ? minimum : soa.ttl;
  }

  /** The node of `name`, created (with its empty ancestors up to the apex) if missing. */
  private node(name: Name): ZoneNode {
    const existing = this.byName.get(name.key);
    if (existing !== undefined) return existing;
    const node = new ZoneNode(name);
    this.byName.set(name.key, node);
    const hash = wireHash(node.lowerWire);
    const same = this.byHash.get(hash);
    if (same !== undefined) node.nextSameHash = same;
    this.byHash.set(hash, node);
    if (name.labelCount > this.origin.labelCount && name.parent !== null) this.node(name.parent);
    return node;
  }
}
