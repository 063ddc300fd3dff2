// The master-file parser (RFC 1035 §5) and the zone it fills: directives, owner inheritance,
// parentheses, comments, TTL and class in either order, quoted strings, RFC 3597 generic RDATA;
// RDATA octets compared with dns-packet's encoding of the same records; errors name the line.

import * as fs from 'fs';
import * as path from 'path';
import { codecs } from './messages';
import { parseMasterFile } from '../../examples/dns/master-file';
import { loadExampleZone } from '../../examples/dns/service';
import { Zone } from '../../examples/dns/zone';
import { Name } from '../../net/dns/name';
import { ResourceRecord } from '../../net/dns/record';

const origin = Name.fromText('example.test.', null);

/** Uncompressed RDATA of a record, as the codec would send it. */
function rdata(rr: ResourceRecord): Buffer {
  const parts: Buffer[] = [Buffer.from(rr.rdata.prefix)];
  for (const n of rr.rdata.names) parts.push(Buffer.from(n.toWire()));
  parts.push(Buffer.from(rr.rdata.suffix));
  return Buffer.concat(parts);
}

/** dns-packet's RDATA for the same data (its encoders prefix RDLENGTH). */
function packetRData(type: string, data: unknown): Buffer {
  return codecs.record(type).encode(data).subarray(2);
}

function one(text: string): ResourceRecord {
  const records = parseMasterFile(text, origin);
  expect(records).toHaveLength(1);
  return records[0];
}

describe('RDATA matches dns-packet', () => {
  test.each([
    ['@ 60 IN A 192.0.2.1', 'A', '192.0.2.1'],
    ['@ 60 IN AAAA fd00::1', 'AAAA', 'fd00::1'],
    ['@ 60 IN AAAA 2001:db8:0:0:1:0:0:1', 'AAAA', '2001:db8::1:0:0:1'],
    ['@ 60 IN AAAA ::', 'AAAA', '::'],
    ['@ 60 IN AAAA ::ffff:192.0.2.1', 'AAAA', '::ffff:192.0.2.1'],
    ['@ 60 IN AAAA 1:2:3:4:5:6:7::', 'AAAA', '1:2:3:4:5:6:7:0'],
    ['@ 60 IN NS ns1', 'NS', 'ns1.example.test'],
    ['@ 60 IN CNAME other.example.', 'CNAME', 'other.example'],
    ['@ 60 IN PTR host', 'PTR', 'host.example.test'],
    ['@ 60 IN MX 10 mail', 'MX', { preference: 10, exchange: 'mail.example.test' }],
    ['@ 60 IN TXT "hello world" plain "\\"quoted\\" \\059"', 'TXT', ['hello world', 'plain', '"quoted" ;']],
    ['@ 60 IN SRV 1 2 53 ns1', 'SRV', { priority: 1, weight: 2, port: 53, target: 'ns1.example.test' }],
    [
      '@ 60 IN SOA ns1 host\\.master 2026112701 2h 15m 2w 300',
      'SOA',
      { mname: 'ns1.example.test', rname: 'host\\.master.example.test', serial: 2026112701, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 },
    ],
  ])('%s', (text, type, data) => {
    if (type === 'SOA') {
      // dns-packet has no escapes in names: decode ours with it and compare the fields.
      const rr = one(text);
      expect(rr.rdata.names[1].labelCount).toBe(3);
      expect(Array.from(rr.rdata.names[1].label)).toEqual(Array.from(Buffer.from('host.master')));
      const ours = rdata(rr);
      const length = Buffer.from([ours.length >> 8, ours.length & 255]);
      const decoded = codecs.record('SOA').decode(Buffer.concat([length, ours]), 0) as object;
      expect({ ...decoded, rname: 'host\\.master.example.test' }).toEqual(data);
      return;
    }
    expect(rdata(one(text))).toEqual(packetRData(type, data));
  });
});

describe('master-file syntax', () => {
  test('directives, @, inherited owners, parentheses, comments, TTL and class in either order', () => {
    const records = parseMasterFile(
      `$TTL 1h ; default
$ORIGIN sub.example.test.
@   IN  SOA ns1 hostmaster (
        1   ; serial
        2 3 4
        5 )
    NS  ns1.example.test.
    IN 120 A 192.0.2.1
www 30 A 192.0.2.2
    TXT "v" ; inherits www
$ORIGIN example.test.
apex-rel TYPE65280 \\# 3 abcdef
`,
      origin,
    );
    expect(records.map((r) => `${r.owner.toString()} ${r.ttl} ${r.type}`)).toEqual([
      'sub.example.test. 3600 6',
      'sub.example.test. 3600 2',
      'sub.example.test. 120 1',
      'www.sub.example.test. 30 1',
      'www.sub.example.test. 3600 16',
      'apex-rel.example.test. 3600 65280',
    ]);
    expect(Array.from(records[5].rdata.prefix)).toEqual([0xab, 0xcd, 0xef]);
    expect(Buffer.from(records[0].rdata.suffix).readUInt32BE(16)).toBe(5);
  });

  test('without $TTL, a record takes the previous TTL', () => {
    const records = parseMasterFile('a 42 IN A 192.0.2.1\nb IN A 192.0.2.2\n', origin);
    expect(records.map((r) => r.ttl)).toEqual([42, 42]);
  });

  test.each([
    ['a IN A 192.0.2.1', /line 1: no TTL/],
    ['$TTL 60\na IN A 192.0.2.256', /line 2: IPv4 address out of range/],
    ['$TTL 60\n\na IN BOGUS x', /line 3: unknown type BOGUS/],
    ['$TTL 60\na IN AAAA 1::2::3', /line 2: bad IPv6/],
    ['$TTL 60\na IN MX mail', /line 2: MX takes 2 fields/],
    ['$TTL 60\na IN A ( 192.0.2.1', /unbalanced/],
    ['$TTL 60\n' + 'x'.repeat(64) + ' IN A 192.0.2.1', /line 2: label longer than 63/],
    ['$INCLUDE other.zone', /line 1: unsupported directive/],
    ['$TTL 60\na CH TXT "x"', /line 2: class CH is not served/],
    ['$TTL 60\na IN TXT "unterminated', /unterminated string/],
  ])('%s fails', (text, message) => {
    expect(() => parseMasterFile(text, origin)).toThrow(message);
  });
});

describe('zone', () => {
  function zoneWith(text: string): Zone {
    const zone = new Zone(origin);
    for (const rr of parseMasterFile('$TTL 60\n@ SOA ns1 hm 1 2 3 4 5\n' + text, origin)) zone.add(rr);
    return zone;
  }

  test('refuses a CNAME beside other data, two CNAMEs, names outside the zone', () => {
    expect(() => zoneWith('a A 192.0.2.1\na CNAME b\n')).toThrow(/CNAME and other data/);
    expect(() => zoneWith('a CNAME b\na A 192.0.2.1\n')).toThrow(/CNAME and other data/);
    expect(() => zoneWith('a CNAME b\na CNAME c\n')).toThrow(/two CNAMEs/);
    expect(() => zoneWith('a.example.org. A 192.0.2.1\n')).toThrow(/outside/);
  });

  test('keeps identical records once; empty non-terminals exist', () => {
    const zone = zoneWith('a A 192.0.2.1\nA A 192.0.2.1\nx.y.z A 192.0.2.9\n');
    expect(zone.lookup(Name.fromText('a', origin))!.find(1)!.records).toHaveLength(1);
    expect(zone.lookup(Name.fromText('y.z', origin))!.rrsets).toHaveLength(0);
    expect(zone.lookup(Name.fromText('w.z', origin))).toBeNull();
    expect(zone.negativeTtl()).toBe(5);
  });

  test('the example zone: its master file and the 10 000 synthetic hosts', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../examples/dns/example.test.zone'), 'utf8');
    const zone = loadExampleZone(text);
    const apex = zone.lookup(origin)!;
    expect(apex.rrsets.map((s) => s.type).sort((a, b) => a - b)).toEqual([2, 6, 15, 16]);
    for (let i = 0; i < 10000; i += 997) {
      const node = zone.lookup(Name.fromText(`h${i}`, origin))!;
      expect(Array.from(node.find(1)!.records[0].rdata.prefix)).toEqual([10, 0, i >> 8, i & 255]);
      expect(node.find(28) !== null).toBe(i < 100);
    }
    expect(zone.lookup(Name.fromText('h10000', origin))).toBeNull();
    expect(zone.negativeTtl()).toBe(300);
  });
});
