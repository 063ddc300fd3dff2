// Resource records as a server holds them (RFC 1035 §3.2.1, §3.3): owner, type, class, TTL and
// the RDATA, kept in wire order as `prefix` octets, then zero or more domain names, then `suffix`
// octets. That one shape covers A, AAAA, TXT (all octets), NS, CNAME, PTR (one name), MX (a
// preference then a name), SOA (two names then five counters) and SRV, and lets the writer
// compress the embedded names where RFC 3597 §4 allows it (only the types of RFC 1035).

import { TYPE_CNAME, TYPE_MX, TYPE_NS, TYPE_PTR, TYPE_SOA } from './constants';
import { Name } from './name';

const NO_OCTETS = new Uint8Array(0);

export class RData {
  constructor(
    readonly prefix: Uint8Array,
    readonly names: Name[],
    readonly suffix: Uint8Array,
  ) {}

  /** RDATA of octets only (A, AAAA, TXT, unknown types in RFC 3597 form). */
  static octets(bytes: Uint8Array): RData {
    return new RData(bytes, [], NO_OCTETS);
  }
}

/** Types whose RDATA names may be compressed in replies (RFC 3597 §4). */
export function compressibleRData(type: number): boolean {
  return type === TYPE_NS || type === TYPE_CNAME || type === TYPE_SOA || type === TYPE_PTR || type === TYPE_MX;
}

export class ResourceRecord {
  constructor(
    readonly owner: Name,
    readonly type: number,
    readonly rclass: number,
    readonly ttl: number,
    readonly rdata: RData,
  ) {}

  /** Octets of the uncompressed RDATA. */
  rdataLength(): number {
    let n = this.rdata.prefix.length + this.rdata.suffix.length;
    for (const name of this.rdata.names) n += name.wireLength;
    return n;
  }

  /** True when both records carry the same RDATA (names compared case-insensitively). */
  sameData(other: ResourceRecord): boolean {
    const a = this.rdata;
    const b = other.rdata;
    if (a.names.length !== b.names.length || !sameOctets(a.prefix, b.prefix) || !sameOctets(a.suffix, b.suffix)) return false;
    for (let i = 0; i < a.names.length; i++) if (!a.names[i].equals(b.names[i])) return false;
    return true;
  }
}

function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The records of one owner, class and type: the unit of answers and of truncation. */
export class RRset {
  readonly records: ResourceRecord[] = [];
  constructor(
    readonly owner: Name,
    readonly type: number,
  ) {}
}
