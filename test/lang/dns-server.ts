// The DNS example's logic in the subset: a small zone from a master file plus synthetic hosts,
// hand-made queries (valid, malformed, EDNS, truncation, compression loops) answered by the
// Responder, every reply printed as hex. Node and tsuk must print the same bytes.

import { Name } from '../../net/dns/name';
import { parseMasterFile } from '../../examples/dns/master-file';
import { Responder } from '../../examples/dns/responder';
import { addSyntheticHosts } from '../../examples/dns/synthetic';
import { Zone } from '../../examples/dns/zone';

const ZONE = `$ORIGIN example.test.
$TTL 3600
@ IN SOA ns1 hostmaster ( 1 7200 900 1209600 300 )
  IN NS ns1
  IN MX 10 mail
  IN TXT "v=spf1 mx -all" "two\\032words"
ns1 IN A 192.0.2.53
mail 60 IN A 192.0.2.25
www IN CNAME h1
loop1 IN CNAME loop2
loop2 IN CNAME loop1
out IN CNAME www.example.org.
h1 IN AAAA fd00::1
h2 IN AAAA 2001:db8::10:0:1
srv IN SRV 0 5 53 ns1
deep.sub IN A 192.0.2.7
`;

const zone = new Zone(Name.fromText('example.test.', null));
for (const rr of parseMasterFile(ZONE, zone.origin)) zone.add(rr);
addSyntheticHosts(zone, 300);
for (let i = 0; i < 40; i++) {
  const extra = parseMasterFile(`big 300 IN A 198.51.100.${i + 1}`, zone.origin);
  zone.add(extra[0]);
}
const responder = new Responder(zone);

function hex(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
}

/** A query: header with `flags` and the given counts, the name in presentation form (labels
 *  copied as written, so case survives), the type and class, then `tail` octets. */
function query(id: number, flags: number, name: string, type: number, rclass: number, tail: number[], arcount: number): Uint8Array {
  const labels = name.length === 0 ? [] : name.split('.');
  let n = 12 + 1 + 4 + tail.length;
  for (const l of labels) n += l.length + 1;
  const out = new Uint8Array(n);
  out[0] = id >> 8;
  out[1] = id & 255;
  out[2] = flags >> 8;
  out[3] = flags & 255;
  out[5] = 1;
  out[11] = arcount;
  let at = 12;
  for (const l of labels) {
    out[at++] = l.length;
    for (let i = 0; i < l.length; i++) out[at++] = l.charCodeAt(i);
  }
  out[at++] = 0;
  out[at++] = type >> 8;
  out[at++] = type & 255;
  out[at++] = rclass >> 8;
  out[at++] = rclass & 255;
  for (const b of tail) out[at++] = b;
  return out;
}

/** An OPT record: payload size, version, DO, then option octets. */
function opt(size: number, version: number, dnssecOk: boolean, options: number[]): number[] {
  const r = [0, 0, 41, size >> 8, size & 255, 0, version, dnssecOk ? 0x80 : 0, 0, options.length >> 8, options.length & 255];
  for (const b of options) r.push(b);
  return r;
}

function ask(label: string, msg: Uint8Array): void {
  const n = responder.respond(msg);
  console.log(label, n, n === 0 ? '-' : hex(responder.writer.buffer, 0, n));
}

function raw(bytes: number[]): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
  return out;
}

ask('A h7', query(0x1234, 0x0100, 'h7.example.test', 1, 1, [], 0));
ask('A mixed case', query(2, 0, 'H299.ExAmPlE.TeSt', 1, 1, [], 0));
ask('CNAME chase', query(3, 0x0100, 'www.example.test', 1, 1, [], 0));
ask('AAAA via CNAME', query(4, 0, 'www.example.test', 28, 1, [], 0));
ask('AAAA h2', query(5, 0, 'h2.example.test', 28, 1, [], 0));
ask('CNAME loop', query(6, 0, 'loop1.example.test', 1, 1, [], 0));
ask('CNAME out of zone', query(7, 0, 'out.example.test', 1, 1, [], 0));
ask('MX + additional', query(8, 0, 'example.test', 15, 1, [], 0));
ask('NS + glue', query(9, 0, 'example.test', 2, 1, [], 0));
ask('SOA', query(10, 0, 'example.test', 6, 1, [], 0));
ask('TXT', query(11, 0, 'example.test', 16, 1, [], 0));
ask('SRV', query(12, 0, 'srv.example.test', 33, 1, [], 0));
ask('ANY apex', query(13, 0, 'example.test', 255, 1, [], 0));
ask('NXDOMAIN', query(14, 0, 'nope.example.test', 1, 1, [], 0));
ask('NODATA', query(15, 0, 'ns1.example.test', 28, 1, [], 0));
ask('unknown type', query(16, 0, 'ns1.example.test', 65280, 1, [], 0));
ask('empty non-terminal', query(17, 0, 'sub.example.test', 1, 1, [], 0));
ask('outside zone', query(18, 0, 'example.org', 1, 1, [], 0));
ask('parent of zone', query(19, 0, 'test', 1, 1, [], 0));
ask('class CH', query(20, 0, 'example.test', 16, 3, [], 0));
ask('AXFR', query(21, 0, 'example.test', 252, 1, [], 0));
ask('IXFR', query(22, 0, 'example.test', 251, 1, [], 0));
ask('opcode STATUS', query(23, 2 << 11, 'example.test', 1, 1, [], 0));
ask('big no EDNS', query(24, 0, 'big.example.test', 1, 1, [], 0));
ask('big EDNS 4096', query(25, 0, 'big.example.test', 1, 1, opt(4096, 0, false, []), 1));
ask('big EDNS 600', query(26, 0, 'big.example.test', 1, 1, opt(600, 0, true, []), 1));
ask('EDNS 100 is 512', query(27, 0, 'big.example.test', 1, 1, opt(100, 0, false, []), 1));
ask('BADVERS', query(28, 0, 'h1.example.test', 1, 1, opt(1232, 1, false, []), 1));
ask('unknown option', query(29, 0, 'h1.example.test', 1, 1, opt(1232, 0, false, [0xfd, 0xe9, 0, 2, 0xab, 0xcd]), 1));
ask('option overrun', query(30, 0, 'h1.example.test', 1, 1, opt(1232, 0, false, [0xfd, 0xe9, 0, 9, 0xab]), 1));
const twoOpts = opt(1232, 0, false, []);
for (const b of opt(1232, 0, false, [])) twoOpts.push(b);
ask('two OPT', query(31, 0, 'h1.example.test', 1, 1, twoOpts, 2));
ask('OPT not at root', query(32, 0, 'h1.example.test', 1, 1, [1, 0x61, 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0], 1));
ask('count beyond data', query(33, 0, 'h1.example.test', 1, 1, [], 3));
ask('QDCOUNT 0', raw([0, 34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
ask('QDCOUNT 2', raw([0, 35, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1]));
ask('11 bytes', raw([0, 36, 0, 0, 0, 1, 0, 0, 0, 0, 0]));
ask('response', raw([0, 37, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]));
ask('pointer into header', raw([0, 38, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 4, 0, 1, 0, 1]));
ask('pointer to itself', raw([0, 39, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]));
ask('reserved label', raw([0, 40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1]));
// An answer record whose owner loops: "a" then a pointer back to the "a".
ask('pointer loop', raw([0, 41, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1, 1, 0x62, 0xc0, 19, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]));
let long = '';
for (let i = 0; i < 64; i++) long += 'x';
ask('label of 64', query(42, 0, long + '.example.test', 1, 1, [], 0));
let tooLong = '';
for (let i = 0; i < 5; i++) tooLong += long.slice(0, 60) + '.';
ask('name over 255', query(43, 0, tooLong + 'example.test', 1, 1, [], 0));
ask('truncated question', raw([0, 44, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0x68, 0x31, 0, 0, 1]));
ask('still answering', query(45, 0x0100, 'h42.example.test', 1, 1, [], 0));
