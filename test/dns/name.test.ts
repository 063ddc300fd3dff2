// The codec's names: presentation form in and out, keys, wire form checked against dns-packet,
// validation of received names (every FORMERR reason, the pointer-jump bound) and compression
// on output decoded by dns-packet.

import { codecs } from './messages';
import { Name, ROOT } from '../../net/dns/name';
import {
  MAX_POINTER_JUMPS, NAME_OVERRUN, NAME_POINTER_FORWARD, NAME_POINTER_INTO_HEADER, NAME_POINTER_LOOP, NAME_RESERVED_LABEL, NAME_TOO_LONG,
  NameScan, readName, scanName,
} from '../../net/dns/name-reader';
import { MessageWriter } from '../../net/dns/message-writer';

const origin = Name.fromText('Example.TEST.', null);

describe('Name', () => {
  test('relative, absolute and @ names; keys are lowercased, toString keeps case', () => {
    const www = Name.fromText('WWW', origin);
    expect(www.key).toBe('www.example.test.');
    expect(www.toString()).toBe('WWW.Example.TEST.');
    expect(Name.fromText('h1.example.test.', origin).key).toBe('h1.example.test.');
    expect(Name.fromText('@', origin)).toBe(origin);
    expect(Name.fromText('.', null)).toBe(ROOT);
    expect(www.labelCount).toBe(3);
    expect(www.isSubdomainOf(origin)).toBe(true);
    expect(origin.isSubdomainOf(www)).toBe(false);
    expect(Name.fromText('example.org.', null).isSubdomainOf(origin)).toBe(false);
  });

  test('the wire form is what dns-packet encodes', () => {
    for (const text of ['a.b.c', 'example.test', 'x', 'MiXeD.Case.Example']) {
      expect(Buffer.from(Name.fromText(text + '.', null).toWire())).toEqual(codecs.name.encode(text));
    }
    expect(Buffer.from(ROOT.toWire())).toEqual(Buffer.from([0]));
  });

  test('escapes: \\. inside a label, \\DDD, and non-ASCII octets are never case-folded', () => {
    const n = Name.fromText('a\\.b.\\065\\200.', null);
    expect(n.labelCount).toBe(2);
    expect(Array.from(n.toWire())).toEqual([3, 0x61, 0x2e, 0x62, 2, 0x41, 200, 0]);
    expect(n.key).toBe('a\\.b.a\\200.');
    expect(n.toString()).toBe('a\\.b.A\\200.');
    expect(Name.fromText('\\195\\137.', null).key).not.toBe(Name.fromText('\\195\\169.', null).key);
  });

  test('rejects empty labels, labels over 63 octets and names over 255', () => {
    expect(() => Name.fromText('a..b.', null)).toThrow(/empty label/);
    expect(() => Name.fromText('x'.repeat(64) + '.', null)).toThrow(/63/);
    Name.fromText('x'.repeat(63) + '.', null);
    const l63 = 'x'.repeat(63);
    expect(Name.fromText(`${l63}.${l63}.${l63}.${'y'.repeat(61)}.`, null).wireLength).toBe(255);
    expect(() => Name.fromText(`${l63}.${l63}.${l63}.${'y'.repeat(62)}.`, null)).toThrow(/255/);
    expect(() => Name.fromText('relative', null)).toThrow(/origin/);
  });
});

/** A message whose body (from offset 12) is `body`. */
function msg(body: number[]): Uint8Array {
  return Uint8Array.from([...new Array(12).fill(0), ...body]);
}

describe('scanName and readName', () => {
  const scan = new NameScan();

  test('uncompressed and compressed names; the hash matches Name.hash()', () => {
    const m = msg([...codecs.name.encode('WWW.example.test'), 3, 0x66, 0x74, 0x70, 0xc0, 16]);
    expect(scanName(m, m.length, 12, scan)).toBe(true);
    expect([scan.end, scan.wireLength, scan.labelCount, scan.compressed]).toEqual([30, 18, 3, false]);
    expect(scan.hash).toBe(Name.fromText('www.example.test.', null).hash());
    expect(Array.from(scan.labelStarts.subarray(0, 3))).toEqual([12, 16, 24]);
    const n = readName(m, m.length, 30, scan);
    expect(n!.toString()).toBe('ftp.example.test.');
    expect([scan.end, scan.wireLength, scan.compressed]).toEqual([36, 18, true]);
    expect(scan.hash).toBe(Name.fromText('FTP.EXAMPLE.test.', null).hash());
  });

  test.each([
    ['overrun in a label', [3, 0x61], NAME_OVERRUN],
    ['no terminating zero', [1, 0x61], NAME_OVERRUN],
    ['half a pointer', [0xc0], NAME_OVERRUN],
    ['label type 01', [0x41, 0], NAME_RESERVED_LABEL],
    ['label type 10', [0x80, 0], NAME_RESERVED_LABEL],
    ['pointer into the header', [0xc0, 11], NAME_POINTER_INTO_HEADER],
    ['pointer to itself', [0xc0, 12], NAME_POINTER_FORWARD],
    ['forward pointer', [0xc0, 14, 0], NAME_POINTER_FORWARD],
    ['name over 255 octets', [...Array(5).fill([60, ...Array(60).fill(0x61)]).flat(), 0], NAME_TOO_LONG],
  ])('%s', (_name, body, error) => {
    const m = msg(body as number[]);
    expect(scanName(m, m.length, 12, scan)).toBe(false);
    expect(scan.error).toBe(error);
  });

  test('a pointer back into the name being read is a loop', () => {
    const m = msg([0, 1, 0x61, 0xc0, 13]); // at 13: "a", then a pointer to 13 again
    expect(scanName(m, m.length, 13, scan)).toBe(false);
    expect(scan.error).toBe(NAME_POINTER_LOOP);
  });

  test('pointer chains are followed up to MAX_POINTER_JUMPS jumps', () => {
    // Offset 12: the root; then pointers, each to the one before it.
    const chain = (jumps: number) => {
      const body = [0];
      for (let k = 0; k < jumps; k++) body.push(0xc0, k === 0 ? 12 : 13 + 2 * (k - 1));
      return msg(body);
    };
    const ok = chain(MAX_POINTER_JUMPS);
    expect(scanName(ok, ok.length, ok.length - 2, scan)).toBe(true);
    expect(scan.wireLength).toBe(1);
    const tooMany = chain(MAX_POINTER_JUMPS + 1);
    expect(scanName(tooMany, tooMany.length, tooMany.length - 2, scan)).toBe(false);
    expect(scan.error).toBe(NAME_POINTER_LOOP);
  });

  test('a name of 255 octets with a label of 63 is accepted', () => {
    const l63 = [63, ...Array(63).fill(0x62)];
    const m = msg([...l63, ...l63, ...l63, 61, ...Array(61).fill(0x63), 0]);
    expect(scanName(m, m.length, 12, scan)).toBe(true);
    expect(scan.wireLength).toBe(255);
  });
});

describe('MessageWriter names', () => {
  test('suffixes are compressed, case-insensitively, and decode to the names written', () => {
    const w = new MessageWriter(512);
    w.begin(512);
    const names = ['www.example.test.', 'MAIL.Example.Test.', 'example.test.', 'other.org.', 'a.b.other.org.'].map((t) => Name.fromText(t, null));
    const offsets: number[] = [];
    for (const n of names) {
      offsets.push(w.pos);
      w.name(n, true);
    }
    const out = Buffer.from(w.buffer.subarray(0, w.pos));
    // www.example.test (18) + mail + pointer (7) + pointer (2) + other.org (11) + a.b + pointer (6)
    expect(w.pos - 12).toBe(18 + 7 + 2 + 11 + 6);
    names.forEach((n, i) => expect(codecs.name.decode(out, offsets[i]) + '.').toBe(i === 1 ? 'MAIL.example.test.' : i === 2 ? 'example.test.' : n.toString()));
  });

  test('a rollback forgets the names written after the mark', () => {
    const w = new MessageWriter(512);
    w.begin(512);
    const mark = w.pos;
    w.name(Name.fromText('example.test.', null), true);
    w.rollback(mark);
    w.name(Name.fromText('www.example.test.', null), true);
    expect(w.pos - mark).toBe(18);
  });

  test('writes past the limit set overflow and leave the buffer alone', () => {
    const w = new MessageWriter(512);
    w.begin(20);
    w.name(Name.fromText('www.example.test.', null), true);
    expect(w.overflow).toBe(true);
    expect(w.pos).toBeLessThanOrEqual(20);
  });
});
