// runtime/js/utf8.ts and text-codec.ts on Node against Node's own TextEncoder/TextDecoder:
// random strings (lone surrogates included) encode to the same octets, and random octet
// strings — mostly broken UTF-8 — decode to the same text, U+FFFD for U+FFFD.
// test/lang/text_codec.ts runs the classes in an image too.

import { TextDecoder as OurDecoder, TextEncoder as OurEncoder } from '../runtime/js/text-codec';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('encode: 2 000 random strings give Node\'s octets', () => {
  const rnd = seeded(17);
  const pools = [0x41, 0xe9, 0x20ac, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0x7f, 0x80, 0x7ff, 0x800, 0xffff];
  for (let n = 0; n < 2000; n++) {
    let s = '';
    const len = Math.floor(rnd() * 12);
    for (let i = 0; i < len; i++) s += String.fromCharCode(rnd() < 0.5 ? pools[Math.floor(rnd() * pools.length)] : Math.floor(rnd() * 0x10000));
    expect([s, [...new OurEncoder().encode(s)]]).toEqual([s, [...new TextEncoder().encode(s)]]);
  }
});

test('decode: 5 000 random octet strings give Node\'s text (replacement characters included)', () => {
  const rnd = seeded(42);
  const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f, 0xbb];
  const node = new TextDecoder();
  const ours = new OurDecoder();
  for (let n = 0; n < 5000; n++) {
    const len = Math.floor(rnd() * 10);
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) bytes[i] = rnd() < 0.7 ? interesting[Math.floor(rnd() * interesting.length)] : Math.floor(rnd() * 256);
    expect([[...bytes], ours.decode(bytes)]).toEqual([[...bytes], node.decode(bytes)]);
  }
  expect(ours.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe(node.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])));
});

test('labels: utf-8 and its aliases; others are refused', () => {
  expect(new OurDecoder('UTF8').encoding).toBe('utf-8');
  expect(() => new OurDecoder('latin2')).toThrow(RangeError);
});
