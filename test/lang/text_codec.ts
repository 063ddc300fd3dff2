// TextEncoder/TextDecoder (UTF-8): encoding ASCII, accents, astral characters and a lone
// surrogate, then decoding well-formed and broken octets (truncated sequences, overlongs,
// surrogates, bytes that never start a character), compared by their code units.

function hex(a: Uint8Array): string {
  let s = '';
  for (let i = 0; i < a.length; i++) {
    s += (a[i] < 16 ? '0' : '') + a[i].toString(16) + ' ';
  }
  return s;
}

function units(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    out += s.charCodeAt(i).toString(16) + ' ';
  }
  return out;
}

const enc = new TextEncoder();
console.log(enc.encoding);
for (const s of ['', 'hi', 'héllo', '€ 100', '😀!', 'a\uD800b', '\uDC00']) {
  console.log(hex(enc.encode(s)));
}

const dec = new TextDecoder();
console.log(dec.encoding);
const cases: number[][] = [
  [0x68, 0x69],
  [0xef, 0xbb, 0xbf, 0x41],
  [0xc3, 0xa9],
  [0xe2, 0x82, 0xac],
  [0xf0, 0x9f, 0x98, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xff, 0x41, 0xfe],
  [0x80, 0x80, 0x41],
  [0xe2, 0x41, 0x82, 0xac],
  [0xf0, 0x9f, 0x41],
];
for (const c of cases) {
  console.log(units(dec.decode(new Uint8Array(c))));
}
console.log(dec.decode(enc.encode('round trip: ünïcödé 😀')));
console.log(JSON_SAFE(dec.decode()));

function JSON_SAFE(s: string): string {
  return `[${s}]`;
}
