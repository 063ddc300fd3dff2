// EDNS(0) (RFC 6891): the OPT pseudo-record of a query, read and validated, and the one a reply
// carries. The OPT's CLASS is the sender's UDP payload size, its TTL the extended RCODE, the
// version and the flags (DO, RFC 3225). Options are checked to lie within the RDATA and are
// otherwise ignored (§6.1.2: unknown options must be ignored).

import { EDNS_FLAG_DO, TYPE_OPT } from './constants';
import { readU16, writeU16 } from '../byte-order';

export class Edns {
  present = false;
  /** Advertised UDP payload size (values below 512 are treated as 512 by the server). */
  udpPayload = 0;
  /** Upper 8 bits of the extended RCODE (zero in queries). */
  extendedRcode = 0;
  version = 0;
  dnssecOk = false;

  reset(): void {
    this.present = false;
    this.udpPayload = 0;
    this.extendedRcode = 0;
    this.version = 0;
    this.dnssecOk = false;
  }

  /** Takes the fixed fields of an OPT record (CLASS and the TTL's four octets at `ttlAt`) and
   *  checks that its options tile the RDATA `[rdataAt, rdataEnd)`; false when they overrun. */
  read(msg: Uint8Array, rclass: number, ttlAt: number, rdataAt: number, rdataEnd: number): boolean {
    this.present = true;
    this.udpPayload = rclass;
    this.extendedRcode = msg[ttlAt];
    this.version = msg[ttlAt + 1];
    this.dnssecOk = (readU16(msg, ttlAt + 2) & EDNS_FLAG_DO) !== 0;
    let at = rdataAt;
    while (at < rdataEnd) {
      if (at + 4 > rdataEnd) return false;
      const optionLength = readU16(msg, at + 2);
      at += 4 + optionLength;
      if (at > rdataEnd) return false;
    }
    return true;
  }
}

/** Octets of the OPT record a reply carries (root owner, no options). */
export const OPT_RECORD_LENGTH = 11;

/** Writes an OPT record with no options at `at` of `out`. */
export function writeOpt(out: Uint8Array, at: number, udpPayload: number, extendedRcode: number, dnssecOk: boolean): void {
  out[at] = 0; // the root
  writeU16(out, at + 1, TYPE_OPT);
  writeU16(out, at + 3, udpPayload);
  out[at + 5] = extendedRcode;
  out[at + 6] = 0; // version 0
  writeU16(out, at + 7, dnssecOk ? EDNS_FLAG_DO : 0);
  writeU16(out, at + 9, 0); // RDLENGTH
}
