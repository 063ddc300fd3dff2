// The Internet checksum and IPv4 address text, against published examples and a second
// implementation (test/net/frames.ts).

import * as net from 'net';
import { finishChecksum, sumU32, sumWords } from '../../net/checksum';
import { formatIpv4, parseIpv4 } from '../../net/ipv4-address';
import { internetChecksum } from './frames';

test('RFC 1071 §3 example: the words 0001 f203 f4f5 f6f7 sum to ddf2', () => {
  const b = new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
  expect(sumWords(b, 0, 8, 0)).toBe(0xddf2);
  expect(finishChecksum(sumWords(b, 0, 8, 0))).toBe(0x220d);
});

test('a real IPv4 header (192.168.0.1 → 192.168.0.199, UDP) has checksum b861 and verifies', () => {
  const h = Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex');
  expect(finishChecksum(sumWords(h, 0, 20, 0))).toBe(0xb861);
  h.writeUInt16BE(0xb861, 10);
  expect(finishChecksum(sumWords(h, 0, 20, 0))).toBe(0);
});

test('random buffers, odd and even lengths, at offsets, agree with an independent implementation', () => {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
  for (let n = 0; n < 500; n++) {
    const len = rand() % 1600;
    const off = rand() % 7;
    const b = Buffer.alloc(len + off + 3);
    for (let i = 0; i < b.length; i++) b[i] = rand() & 255;
    expect(finishChecksum(sumWords(b, off, len, 0))).toBe(internetChecksum(b.subarray(off, off + len)));
  }
});

test('all-ones data (the largest sums) folds correctly; sumU32 adds an address as two words', () => {
  const b = new Uint8Array(1501).fill(0xff);
  expect(finishChecksum(sumWords(b, 0, 1501, 0))).toBe(internetChecksum(Buffer.from(b)));
  const addr = Buffer.from('0a00020f', 'hex');
  expect(finishChecksum(sumU32(0x0a00020f, 0))).toBe(internetChecksum(addr));
  expect(finishChecksum(sumU32(0xffffffff, 0xffff))).toBe(internetChecksum(Buffer.from('ffffffffffff', 'hex')));
});

test('parseIpv4 / formatIpv4 round-trip and agree with Node on what is an address', () => {
  expect(parseIpv4('10.0.2.15')).toBe(0x0a00020f);
  expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
  expect(parseIpv4('0.0.0.0')).toBe(0);
  expect(formatIpv4(0xc0a800c7)).toBe('192.168.0.199');
  for (const v of [0, 1, 0x7f000001, 0x80000000, 0xfffffffe, 0xdeadbeef]) expect(parseIpv4(formatIpv4(v))).toBe(v);
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '1.2.3.', '.1.2.3', 'a.b.c.d', '1.2.3.4 ', '-1.2.3.4', '1234.1.1.1', '1.2.3.0x4']) {
    expect(net.isIPv4(bad)).toBe(false);
    expect(() => parseIpv4(bad)).toThrow(TypeError);
  }
});
