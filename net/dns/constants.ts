// The DNS numbers this codec speaks: record types, classes, opcodes, response codes and header
// flag bits (RFC 1035 §3.2 and §4.1.1, RFC 6891 for OPT and BADVERS, RFC 3596 for AAAA). Plain
// constants rather than enums, so a reply can carry any 16-bit type a client asks for.

export const TYPE_A = 1;
export const TYPE_NS = 2;
export const TYPE_CNAME = 5;
export const TYPE_SOA = 6;
export const TYPE_PTR = 12;
export const TYPE_MX = 15;
export const TYPE_TXT = 16;
export const TYPE_AAAA = 28;
export const TYPE_SRV = 33;
export const TYPE_OPT = 41;
/** Transaction signature (RFC 8945), always the last record of the additional section. */
export const TYPE_TSIG = 250;
export const TYPE_IXFR = 251;
export const TYPE_AXFR = 252;
export const TYPE_ANY = 255;

export const CLASS_IN = 1;
export const CLASS_ANY = 255;

export const OPCODE_QUERY = 0;

export const RCODE_NOERROR = 0;
export const RCODE_FORMERR = 1;
export const RCODE_SERVFAIL = 2;
export const RCODE_NXDOMAIN = 3;
export const RCODE_NOTIMP = 4;
export const RCODE_REFUSED = 5;
/** Not authorized: the reply to a TSIG the server cannot verify (RFC 8945 §5.2). */
export const RCODE_NOTAUTH = 9;
/** Extended (12-bit) response code: the low 4 bits go in the header, the rest in the OPT TTL. */
export const RCODE_BADVERS = 16;
/** TSIG error field: the key is unknown to the server (RFC 8945 §5.2). */
export const TSIG_BADKEY = 17;

/** Header flag bits in the 16-bit word after the ID. */
export const FLAG_QR = 0x8000;
export const FLAG_AA = 0x0400;
export const FLAG_TC = 0x0200;
export const FLAG_RD = 0x0100;
export const FLAG_RA = 0x0080;
export const FLAG_AD = 0x0020;
export const FLAG_CD = 0x0010;
/** The DO bit in the low 16 bits of an OPT record's TTL (RFC 3225). */
export const EDNS_FLAG_DO = 0x8000;

export const HEADER_LENGTH = 12;
/** The UDP payload every resolver accepts without EDNS (RFC 1035 §4.2.1). */
export const CLASSIC_UDP_PAYLOAD = 512;
export const MAX_NAME_WIRE_LENGTH = 255;
export const MAX_LABEL_LENGTH = 63;
