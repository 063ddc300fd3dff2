// An authoritative zone in memory: its nodes (one per owner name, plus the empty non-terminals
// between them and the apex, which exist for NXDOMAIN purposes: RFC 8020) in a Map keyed by the
// lowercased name, and a second index keyed by the hash of the lowercased wire form so that a
// query's name is found straight from the message octets, without building a string per query.
// Names one label below the origin may also be generated (GeneratedNames): their nodes are made
// the first time a lookup or an added record reaches them, so that a zone of 10 000 computed
// hosts costs nothing at start-up, and answers exactly as if they had all been added up front.

import { CLASS_IN, TYPE_CNAME, TYPE_SOA } from '../../net/dns/constants';
import type { i32 } from 'tsuk';
import { lowerOctet, Name, wireHash } from '../../net/dns/name';
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

/** Names `<label>.<origin>` whose records are computed, not stored (examples/dns/synthetic.ts). */
export interface GeneratedNames {
  /** The owner name whose leftmost label is `octets[at .. at+length)` (compared ignoring ASCII
   *  case), when that name is generated; null otherwise. */
  nameAt(octets: Uint8Array, at: i32, length: i32): Name | null;
  /** The records of a generated owner name. */
  records(owner: Name): ResourceRecord[];
}

export class Zone {
  private readonly byName = new Map<string, ZoneNode>();
  private readonly byHash = new Map<number, ZoneNode>();
  private generated: GeneratedNames | null = null;
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
    this.addTo(this.node(rr.owner), rr);
  }

  /** Serves `names` from now on. A generated name's records come before any added later at
   *  the same name and after those already there: the order in which adding every generated
   *  record now would have put them. */
  generate(names: GeneratedNames): void {
    this.generated = names;
    for (const node of this.byName.values()) this.addGenerated(node);
  }

  private addTo(node: ZoneNode, rr: ResourceRecord): void {
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
    if (node !== undefined) return node;
    const generated = this.generated;
    if (generated === null || name.parent === null || name.parent.key !== this.origin.key) return null;
    const owner = generated.nameAt(name.label, 0, name.label.length);
    return owner === null ? null : this.node(owner);
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
    return this.generatedAt(msg, at, wireLength);
  }

  /** The node of a generated name written at `msg[at]` (as lookupWire), made now; else null. */
  private generatedAt(msg: Uint8Array, at: i32, wireLength: i32): ZoneNode | null {
    const generated = this.generated;
    if (generated === null) return null;
    const length: i32 = msg[at];
    const origin = this.apex.lowerWire;
    if (length === 0 || wireLength !== 1 + length + origin.length) return null;
    const from = at + 1 + length;
    for (let i = 0; i < origin.length; i++) if (lowerOctet(msg[from + i]) !== origin[i]) return null;
    const owner = generated.nameAt(msg, at + 1, length);
    return owner === null ? null : this.node(owner);
  }

  /** Gives a node one label below the origin its generated records, if its name is generated. */
  private addGenerated(node: ZoneNode): void {
    const generated = this.generated;
    const name = node.name;
    if (generated === null || name.labelCount !== this.origin.labelCount + 1) return;
    if (generated.nameAt(name.label, 0, name.label.length) === null) return;
    for (const rr of generated.records(name)) this.addTo(node, rr);
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
    this.addGenerated(node);
    return node;
  }
}
