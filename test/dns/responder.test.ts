// The authoritative server's behaviour, rule by rule (issue 7), on the example zone with its
// 10 000 synthetic hosts: queries built by dns-packet or by hand, replies decoded by dns-packet
// and checked octet by octet where the rule is about octets.

import * as fs from 'fs';
import * as path from 'path';
import * as dnsPacket from 'dns-packet';
import { Responder } from '../../examples/dns/responder';
import { loadExampleZone } from '../../examples/dns/service';
import { parseMasterFile } from '../../examples/dns/master-file';
import { addLargeRRset, SYNTHETIC_COUNT, SYNTHETIC_TTL } from '../../examples/dns/synthetic';
import { ResourceRecord, RData } from '../../net/dns/record';
import { Zone } from '../../examples/dns/zone';
import { Name } from '../../net/dns/name';
import { decode, Decoded, malformedMessages, optRecord, query, rawMessage, typeClass, wireName } from './messages';

const ZONE_TEXT = fs.readFileSync(path.join(__dirname, '../../examples/dns/example.test.zone'), 'utf8');
const responder = new Responder(loadExampleZone(ZONE_TEXT));

function reply(msg: Buffer, r: Responder = responder): Buffer {
  const out = r.answer(msg);
  if (out === null) throw new Error('no reply');
  return Buffer.from(out);
}

function ask(name: string, opts: Parameters<typeof query>[1] = {}, r: Responder = responder): Decoded & { raw: Buffer } {
  const raw = reply(query(name, opts), r);
  return Object.assign(decode(raw), { raw });
}

function data(answers: dnsPacket.Answer[] | undefined): string[] {
  return (answers ?? []).map((a) => `${a.name} ${a.type} ${typeof (a as { data?: unknown }).data === 'object' ? JSON.stringify((a as { data?: unknown }).data) : (a as { data?: unknown }).data}`);
}

function zoneOf(text: string): Responder {
  const zone = new Zone(Name.fromText('example.test.', null));
  for (const rr of parseMasterFile(text, zone.origin)) zone.add(rr);
  return new Responder(zone);
}

const SMALL_SOA = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.53\n';

describe('header', () => {
  test('ID and RD are copied, QR=1, AA=1, RA=0 for an in-zone answer', () => {
    for (const flags of [0, dnsPacket.RECURSION_DESIRED]) {
      const r = ask('h7.example.test', { id: 0xbeef, flags });
      expect(r.id).toBe(0xbeef);
      expect(r.flag_rd).toBe(flags !== 0);
      expect(r.flag_qr).toBe(true);
      expect(r.flag_aa).toBe(true);
      expect(r.flag_ra).toBe(false);
      expect(r.flag_tc).toBe(false);
      expect(r.rcode).toBe('NOERROR');
    }
  });

  test('CD is copied (RFC 4035 §3.1.6), AD is not set', () => {
    const r = ask('h7.example.test', { flags: dnsPacket.CHECKING_DISABLED });
    expect(r.flag_cd).toBe(true);
    expect(r.flag_ad).toBe(false);
  });

  test('opcodes other than QUERY get NOTIMP with the opcode copied, but not RD or CD (RFC 6895 §2)', () => {
    for (const opcode of [1, 2, 4, 5, 6, 15]) {
      const raw = reply(rawMessage(77, (opcode << 11) | 0x0100 | 0x0010, [1, 0, 0, 0], [...wireName('h1.example.test'), ...typeClass(1, 1)]));
      expect((raw[2] >> 3) & 15).toBe(opcode);
      expect(raw[2] & 0x81).toBe(0x80); // QR, and RD not echoed: its meaning is defined for QUERY only
      expect(raw[3] & 0x10).toBe(0); // CD likewise
      expect(raw[3] & 15).toBe(4);
      expect(raw.readUInt16BE(0)).toBe(77);
    }
  });

  test('a FORMERR to opcode QUERY still echoes RD and CD', () => {
    const raw = reply(rawMessage(78, 0x0110, [2, 0, 0, 0], [...wireName('h1.example.test'), ...typeClass(1, 1)]));
    expect(raw[3] & 15).toBe(1);
    expect(raw[2] & 0x01).toBe(0x01);
    expect(raw[3] & 0x10).toBe(0x10);
  });
});

describe('question', () => {
  test('is echoed octet for octet while matching ignores ASCII case', () => {
    const q = query('wWw.ExAmPlE.tEsT', { type: 'A' });
    const raw = reply(q);
    const questionEnd = 12 + wireName('wWw.ExAmPlE.tEsT').length + 4;
    expect(raw.subarray(12, questionEnd)).toEqual(q.subarray(12, questionEnd));
    // Names after the question point into it, so they take its case (as they may: RFC 4343 §4).
    const r = decode(raw);
    expect(data(r.answers)).toEqual(['wWw.ExAmPlE.tEsT CNAME h1.ExAmPlE.tEsT', 'h1.ExAmPlE.tEsT A 10.0.0.1']);
  });

  test('case is not folded outside A–Z (RFC 4343): É does not match é', () => {
    const r = zoneOf(SMALL_SOA + '\\195\\169 IN A 192.0.2.1\n');
    const q = rawMessage(1, 0, [1, 0, 0, 0], [2, 0xc3, 0x89, ...wireName('example.test'), ...typeClass(1, 1)]);
    expect(decode(reply(q, r)).rcode).toBe('NXDOMAIN');
    const q2 = rawMessage(1, 0, [1, 0, 0, 0], [2, 0xc3, 0xa9, ...wireName('example.test'), ...typeClass(1, 1)]);
    expect(decode(reply(q2, r)).answers).toHaveLength(1);
  });
});

describe('answers', () => {
  test('the 10 000 synthetic hosts: h<i> A 10.0.<i >> 8>.<i & 255>, TTL 3600', () => {
    for (const i of [0, 1, 255, 256, 4097, 9999]) {
      const r = ask(`h${i}.example.test`);
      expect(r.answers).toEqual([{ name: `h${i}.example.test`, type: 'A', class: 'IN', ttl: 3600, flush: false, data: `10.0.${i >> 8}.${i & 255}` }]);
    }
    expect(ask('h10000.example.test').rcode).toBe('NXDOMAIN');
  });

  test('AAAA fd00::<i> for h0 … h99, NODATA for h100', () => {
    expect(data(ask('h0.example.test', { type: 'AAAA' }).answers)).toEqual(['h0.example.test AAAA fd00::']);
    expect(data(ask('h42.example.test', { type: 'AAAA' }).answers)).toEqual(['h42.example.test AAAA fd00::42']);
    const r = ask('h100.example.test', { type: 'AAAA' });
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([]);
    expect(data(r.authorities)).toHaveLength(1);
  });

  test('SOA, NS, MX (with the addresses of in-zone targets in the additional section), TXT', () => {
    const soa = ask('example.test', { type: 'SOA' });
    expect(soa.answers![0]).toMatchObject({ type: 'SOA', ttl: 3600, data: { mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 2026112701, minimum: 300 } });
    const ns = ask('example.test', { type: 'NS' });
    expect(data(ns.answers)).toEqual(['example.test NS ns1.example.test']);
    expect(data(ns.additionals)).toEqual(['ns1.example.test A 192.0.2.53']);
    const mx = ask('example.test', { type: 'MX' });
    expect(data(mx.answers)).toEqual(['example.test MX {"preference":10,"exchange":"mail.example.test"}']);
    expect(data(mx.additionals)).toEqual(['mail.example.test A 192.0.2.25']);
    const txt = ask('example.test', { type: 'TXT' });
    expect((txt.answers![0] as { data: Buffer[] }).data.map((b) => b.toString())).toEqual(['v=spf1 mx -all', 'tsuk authoritative DNS example']);
  });

  test('a CNAME answer includes the chain and the target records in the zone', () => {
    expect(data(ask('www.example.test').answers)).toEqual(['www.example.test CNAME h1.example.test', 'h1.example.test A 10.0.0.1']);
    expect(data(ask('alias.example.test', { type: 'AAAA' }).answers)).toEqual([
      'alias.example.test CNAME www.example.test',
      'www.example.test CNAME h1.example.test',
      'h1.example.test AAAA fd00::1',
    ]);
    expect(data(ask('www.example.test', { type: 'CNAME' }).answers)).toEqual(['www.example.test CNAME h1.example.test']);
  });

  test('a CNAME to a missing in-zone name is NXDOMAIN with the chain (RFC 6604); out of zone, just the CNAME', () => {
    const r = zoneOf(SMALL_SOA + 'dangling IN CNAME gone\nout IN CNAME www.example.org.\nl1 IN CNAME l2\nl2 IN CNAME l1\n');
    const d = ask('dangling.example.test', {}, r);
    expect(d.rcode).toBe('NXDOMAIN');
    expect(data(d.answers)).toEqual(['dangling.example.test CNAME gone.example.test']);
    expect(data(d.authorities)).toHaveLength(1);
    const o = ask('out.example.test', {}, r);
    expect(o.rcode).toBe('NOERROR');
    expect(data(o.answers)).toEqual(['out.example.test CNAME www.example.org']);
    expect(o.authorities).toEqual([]);
    const loop = ask('l1.example.test', {}, r);
    expect(data(loop.answers)).toEqual(['l1.example.test CNAME l2.example.test', 'l2.example.test CNAME l1.example.test']);
  });

  test('ANY returns every RRset of the name', () => {
    const r = ask('example.test', { type: 'ANY' });
    expect(r.answers!.map((a) => a.type).sort()).toEqual(['MX', 'NS', 'SOA', 'TXT']);
  });
});

describe('negative answers', () => {
  test('NXDOMAIN: AA, SOA in authority with TTL min(SOA MINIMUM, SOA TTL)', () => {
    const r = ask('nope.example.test');
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.flag_aa).toBe(true);
    expect(r.answers).toEqual([]);
    expect(r.authorities).toHaveLength(1);
    expect(r.authorities![0]).toMatchObject({ name: 'example.test', type: 'SOA', ttl: 300 });
  });

  test('the negative TTL is the SOA TTL when that is smaller', () => {
    const r = zoneOf('@ 60 IN SOA ns1 hostmaster 1 7200 900 1209600 300\n');
    expect(ask('nope.example.test', {}, r).authorities![0]).toMatchObject({ type: 'SOA', ttl: 60 });
  });

  test('NODATA for a missing type, an unknown type and an empty non-terminal', () => {
    const r = zoneOf(SMALL_SOA + 'a.b IN A 192.0.2.1\n');
    for (const [name, type] of [['ns1.example.test', 'AAAA'], ['ns1.example.test', 'TYPE65280'], ['b.example.test', 'A']]) {
      const p = ask(name, { type }, r);
      expect([name, p.rcode, p.answers!.length]).toEqual([name, 'NOERROR', 0]);
      expect(p.authorities![0]).toMatchObject({ type: 'SOA', ttl: 300 });
    }
  });
});

describe('refusals', () => {
  test('REFUSED with AA=0 outside the zone, for the parent and for other classes', () => {
    for (const [name, qclass] of [['example.org', 'IN'], ['test', 'IN'], ['', 'IN'], ['h1.example.test', 'CH'], ['h1.example.test', 'HS']]) {
      const r = ask(name, { qclass });
      expect([name, qclass, r.rcode, r.flag_aa, r.answers!.length]).toEqual([name, qclass, 'REFUSED', false, 0]);
      expect(r.questions).toHaveLength(1);
    }
  });

  test('QCLASS=ANY is answered, but with AA=0 (RFC 1035 §6.2)', () => {
    const r = ask('h7.example.test', { qclass: 'ANY' });
    expect([r.rcode, r.flag_aa, data(r.answers)]).toEqual(['NOERROR', false, ['h7.example.test A 10.0.0.7']]);
    expect(ask('h7.example.test', { qclass: 'IN' }).flag_aa).toBe(true);
  });

  test('NOTIMP for AXFR and IXFR over UDP', () => {
    for (const type of ['AXFR', 'IXFR']) expect(ask('example.test', { type }).rcode).toBe('NOTIMP');
  });
});

describe('malformed input', () => {
  test.each(malformedMessages().map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const out = responder.answer(m.msg);
    if (m.drop) {
      expect(out).toBeNull();
      return;
    }
    expect(out).not.toBeNull();
    const raw = Buffer.from(out!);
    expect(raw.length).toBeLessThanOrEqual(512);
    expect(raw.readUInt16BE(0)).toBe(m.msg.readUInt16BE(0));
    expect(raw[2] & 0x80).toBe(0x80);
    if (m.rcode !== undefined) expect(decode(raw).rcode).toBe(m.rcode);
  });

  test('every message shorter than a header is dropped', () => {
    for (let n = 0; n < 12; n++) expect(responder.answer(Buffer.alloc(n))).toBeNull();
  });

  test('names of exactly 255 octets and labels of 63 are accepted', () => {
    const l63 = 'a'.repeat(63);
    const name255 = `${l63}.${l63}.${l63}.${'b'.repeat(48)}.example.test`;
    expect(wireName(name255)).toHaveLength(255);
    expect(ask(name255).rcode).toBe('NXDOMAIN');
  });

  test('a compressed owner name in another section is accepted', () => {
    const body = [...wireName('h1.example.test'), ...typeClass(1, 1), 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4];
    expect(decode(reply(rawMessage(1, 0, [1, 1, 0, 0], body))).rcode).toBe('NOERROR');
  });

  test('10 000 random mutations of valid queries: answer() never throws, replies stay in bounds', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const bases = [query('h1.example.test'), query('www.example.test', { edns: 1232 }), query('example.test', { type: 'MX', edns: 4096, dnssecOk: true })];
    for (let i = 0; i < 10000; i++) {
      const msg = Buffer.from(bases[i % bases.length]);
      const edits = 1 + Math.floor(random() * 4);
      for (let k = 0; k < edits; k++) msg[Math.floor(random() * msg.length)] = Math.floor(random() * 256);
      const cut = random() < 0.1 ? Math.floor(random() * msg.length) : msg.length;
      const out = responder.answer(msg.subarray(0, cut));
      if (out !== null) expect(out.length).toBeLessThanOrEqual(1232);
    }
    expect(data(ask('h5.example.test').answers)).toEqual(['h5.example.test A 10.0.0.5']);
  });
});

describe('EDNS(0)', () => {
  test('an OPT in the query gets an OPT (version 0, our payload size) in the reply, DO copied', () => {
    for (const dnssecOk of [false, true]) {
      const r = ask('h1.example.test', { edns: 4096, dnssecOk });
      const opt = r.additionals!.find((a) => a.type === 'OPT') as unknown as { udpPayloadSize: number; ednsVersion: number; flag_do: boolean; name: string };
      expect(opt).toMatchObject({ name: '.', udpPayloadSize: 1232, ednsVersion: 0, flag_do: dnssecOk });
    }
    expect(ask('h1.example.test').additionals).toEqual([]);
  });

  test('BADVERS for version 1: extended RCODE 16, the question echoed, no answer', () => {
    const raw = reply(query('h1.example.test', { edns: 1232, ednsVersion: 1 }));
    const r = decode(raw);
    const opt = r.additionals![0] as unknown as { extendedRcode: number; ednsVersion: number };
    expect((raw[3] & 15) | (opt.extendedRcode << 4)).toBe(16);
    expect(opt.ednsVersion).toBe(0);
    expect(r.answers).toEqual([]);
    expect(r.questions).toEqual([{ name: 'h1.example.test', type: 'A', class: 'IN' }]);
  });

  test('unknown options are ignored', () => {
    const r = ask('h1.example.test', { edns: 1232, options: [{ code: 65001, data: Buffer.from([1, 2, 3]) }, { code: 10, data: Buffer.alloc(8, 7) }] });
    expect(data(r.answers)).toEqual(['h1.example.test A 10.0.0.1']);
  });

  test('replies are capped at max(512, advertised size)', () => {
    const full = ask('big.example.test', { edns: 4096 });
    expect(full.flag_tc).toBe(false);
    expect(full.answers).toHaveLength(40);
    expect(full.raw.length).toBeGreaterThan(600);
    const capped = ask('big.example.test', { edns: 600 });
    expect(capped.flag_tc).toBe(true);
    expect(capped.raw.length).toBeLessThanOrEqual(600);
    expect(ask('big.example.test', { edns: 100 }).flag_tc).toBe(true);
    const tiny = ask('example.test', { type: 'ANY', edns: 100 }); // below 512 counts as 512
    expect(tiny.flag_tc).toBe(false);
    expect(tiny.raw.length).toBeGreaterThan(100);
  });
});

describe('truncation and compression', () => {
  test('without EDNS, a reply over 512 octets is cut at whole RRsets with TC=1', () => {
    const r = ask('big.example.test');
    expect(r.flag_tc).toBe(true);
    expect(r.answers).toEqual([]);
    expect(r.raw.length).toBeLessThanOrEqual(512);
    // A CNAME to the big set: the CNAME RRset fits and is kept whole, the A RRset is left out.
    const z = zoneOf(SMALL_SOA + 'to-big IN CNAME big\n' + Array.from({ length: 40 }, (_, i) => `big IN A 198.51.100.${i + 1}\n`).join(''));
    const c = ask('to-big.example.test', {}, z);
    expect(c.flag_tc).toBe(true);
    expect(data(c.answers)).toEqual(['to-big.example.test CNAME big.example.test']);
    expect(c.raw.readUInt16BE(6)).toBe(1);
  });

  test('names in replies are compressed (and decode to the same records as uncompressed)', () => {
    const r = ask('h1.example.test');
    const answerAt = 12 + wireName('h1.example.test').length + 4;
    expect(r.raw.subarray(answerAt, answerAt + 2)).toEqual(Buffer.from([0xc0, 12]));
    for (const type of ['SOA', 'MX', 'ANY']) {
      const p = ask('example.test', { type });
      const uncompressed = dnsPacket.encode({ ...p, additionals: p.additionals } as dnsPacket.Packet); // dns-packet never compresses
      expect(p.raw.length).toBeLessThan(uncompressed.length);
      expect(decode(uncompressed)).toEqual(decode(p.raw));
    }
  });

  test('a NXDOMAIN reply points into the question for the origin', () => {
    const r = ask('a.b.c.example.test');
    const soaAt = 12 + wireName('a.b.c.example.test').length + 4;
    expect(r.raw.readUInt16BE(soaAt)).toBe(0xc000 | (12 + 6)); // "example" after a, b, c
  });
});

describe('over TCP (RFC 7766 §8, RFC 1035 §4.2.2)', () => {
  function askTcp(name: string, opts: Parameters<typeof query>[1] = {}): Decoded & { raw: Buffer } {
    const out = responder.answer(query(name, opts), true);
    if (out === null) throw new Error('no reply');
    const raw = Buffer.from(out);
    return Object.assign(decode(raw), { raw });
  }

  test('an RRset over any UDP size comes whole without EDNS, TC=0; over UDP the same query is truncated', () => {
    const r = askTcp('big.example.test');
    expect(r.flag_tc).toBe(false);
    expect(r.answers).toHaveLength(40);
    expect(ask('big.example.test').flag_tc).toBe(true);
  });

  test('the 240-record TXT RRset: one reply of more than 60 000 octets, 2-octet-length sized; the EDNS size of a query does not cap it', () => {
    for (const opts of [{}, { edns: 512 }, { edns: 4096 }]) {
      const r = askTcp('large.example.test', { type: 'TXT', ...opts });
      expect(r.flag_tc).toBe(false);
      expect(r.answers).toHaveLength(240);
      expect(r.raw.length).toBeGreaterThan(60000);
      expect(r.raw.length).toBeLessThanOrEqual(65535);
    }
    expect(ask('large.example.test', { type: 'TXT', edns: 65535 }).flag_tc).toBe(true);
  });

  test('our OPT still advertises the UDP size (1232), not the TCP maximum', () => {
    const r = askTcp('h1.example.test', { edns: 4096 });
    const opt = r.additionals!.find((a) => a.type === 'OPT') as { udpPayloadSize: number } | undefined;
    expect(opt?.udpPayloadSize).toBe(1232);
  });
});

describe('the question with EDNS records elsewhere', () => {
  test('an OPT after a compressed record in the additional section is read', () => {
    const body = [...wireName('h2.example.test'), ...typeClass(1, 1), ...optRecord(1232, 0, 0x8000, [])];
    const r = decode(reply(rawMessage(9, 0, [1, 0, 0, 1], body)));
    expect(data(r.answers)).toEqual(['h2.example.test A 10.0.0.2']);
    expect(r.additionals![0]).toMatchObject({ type: 'OPT', flag_do: true });
  });
});

describe('TSIG (RFC 8945) without keys', () => {
  const KEY = 'k1.example.test';
  const HMAC_SHA256 = 'hmac-sha256';
  const TIME = [0x00, 0x00, 0x65, 0x43, 0x21, 0x0f]; // 48-bit time signed
  /** A TSIG RR (§4.2), class ANY, TTL 0, with a 32-octet MAC. */
  function tsigRecord(id: number, key = KEY, alg = HMAC_SHA256): number[] {
    const rdata = [
      ...wireName(alg), ...TIME, 0x01, 0x2c /* fudge 300 */, 0, 32, ...new Array(32).fill(0xab),
      id >> 8, id & 0xff, 0, 0 /* error */, 0, 0 /* other len */,
    ];
    return [...wireName(key), ...typeClass(250, 255), 0, 0, 0, 0, rdata.length >> 8, rdata.length & 0xff, ...rdata];
  }
  const question = [...wireName('h7.example.test'), ...typeClass(1, 1)];

  test('an unknown key gets NOTAUTH with a TSIG RR: same key and algorithm, BADKEY, no MAC, time copied', () => {
    const raw = reply(rawMessage(0x1234, 0x0100, [1, 0, 0, 1], [...question, ...tsigRecord(0x5678)]));
    expect(raw.readUInt16BE(0)).toBe(0x1234);
    expect(raw[3] & 15).toBe(9); // NOTAUTH
    expect([raw.readUInt16BE(4), raw.readUInt16BE(6), raw.readUInt16BE(8), raw.readUInt16BE(10)]).toEqual([1, 0, 0, 1]);
    // The TSIG RR, octet by octet after the echoed question.
    const at = 12 + question.length;
    const alg = wireName(HMAC_SHA256);
    const rdata = [...alg, ...TIME, 0x01, 0x2c, 0, 0 /* MAC size 0 */, 0x56, 0x78 /* original ID copied */, 0, 17 /* BADKEY */, 0, 0];
    expect([...raw.subarray(at)]).toEqual([...wireName(KEY), ...typeClass(250, 255), 0, 0, 0, 0, 0, rdata.length, ...rdata]);
  });

  test('with EDNS, the OPT comes before the TSIG, which stays last', () => {
    const msg = rawMessage(7, 0, [1, 0, 0, 2], [...question, ...optRecord(1232, 0, 0, []), ...tsigRecord(7)]);
    const raw = reply(msg);
    expect(raw[3] & 15).toBe(9);
    const r = decode(raw);
    expect(r.additionals!.map((a) => a.type)).toEqual(['OPT', 'TSIG' as never]);
  });

  test('a TSIG that is not the last record of the additional section is FORMERR (§5.1)', () => {
    const msg = rawMessage(8, 0, [1, 0, 0, 2], [...question, ...tsigRecord(8), ...optRecord(1232, 0, 0, [])]);
    expect(reply(msg)[3] & 15).toBe(1);
    const inAnswer = rawMessage(9, 0, [1, 1, 0, 0], [...question, ...tsigRecord(9)]);
    expect(reply(inAnswer)[3] & 15).toBe(1);
  });

  test('when the TSIG does not fit the reply buffer, a bare NOTAUTH header goes back', () => {
    const l63 = 'a'.repeat(63);
    const long = (tail: string) => `${l63}.${l63}.${l63}.${tail.padStart(61, 'c')}`;
    expect(wireName(long('k'))).toHaveLength(255);
    const small = zoneOf(SMALL_SOA);
    expect(small.maxUdpPayload).toBe(1232);
    const tiny = new Responder(small.zone, 512);
    const msg = rawMessage(11, 0x0100, [1, 0, 0, 1], [...wireName(long('q')), ...typeClass(1, 1), ...tsigRecord(11, long('k'), long('alg'))]);
    expect([...reply(msg, tiny)]).toEqual([0, 11, 0x81, 9, 0, 0, 0, 0, 0, 0, 0, 0]);
    // The same query fits the default buffer, with the TSIG in full.
    const full = reply(msg, small);
    expect([full[3] & 15, full.readUInt16BE(10)]).toEqual([9, 1]);
  });

  test('a TSIG whose RDATA is cut short is FORMERR', () => {
    const rr = tsigRecord(10);
    rr.splice(rr.length - 4, 4); // drop error and other len, keep RDLENGTH consistent
    const rdlength = (rr[wireName(KEY).length + 8] << 8 | rr[wireName(KEY).length + 9]) - 4;
    rr[wireName(KEY).length + 8] = rdlength >> 8;
    rr[wireName(KEY).length + 9] = rdlength & 0xff;
    expect(reply(rawMessage(10, 0, [1, 0, 0, 1], [...question, ...rr]))[3] & 15).toBe(1);
  });
});

describe('the synthetic hosts, computed on demand', () => {
  // The reference: every host added up front, as a zone file would list them.
  function eagerResponder(): Responder {
    const zone = new Zone(Name.fromText('example.test.', null));
    for (const rr of parseMasterFile(ZONE_TEXT, zone.origin)) zone.add(rr);
    for (let i = 0; i < SYNTHETIC_COUNT; i++) {
      const owner = Name.fromText(`h${i}`, zone.origin);
      zone.add(new ResourceRecord(owner, 1, 1, SYNTHETIC_TTL, RData.octets(new Uint8Array([10, 0, i >> 8, i & 255]))));
    }
    addLargeRRset(zone);
    return new Responder(zone);
  }

  test('answer octet for octet as if all were added at start-up', () => {
    const eager = eagerResponder();
    const lazy = new Responder(loadExampleZone(ZONE_TEXT));
    const names = ['www', 'H5', 'h05', 'h0', 'h00', 'h010', 'x.h5', 'h', 'hx', 'h10000', 'h99999', 'h4294967296', 'h-1', 'h1.h2', 'ha1'];
    for (let i = 0; i < SYNTHETIC_COUNT; i += 37) names.push(`h${i}`, `H${i}`);
    names.push(`h${SYNTHETIC_COUNT - 1}`);
    for (const name of names) {
      for (const type of ['A', 'AAAA', 'ANY', 'TXT', 'MX']) {
        for (const qclass of ['IN', 'ANY']) {
          const q = query(`${name}.example.test`, { type, qclass });
          expect([name, type, qclass, reply(q, lazy).toString('hex')]).toEqual([name, type, qclass, reply(q, eager).toString('hex')]);
        }
      }
    }
  });
});
