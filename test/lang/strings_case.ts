// toUpperCase / toLowerCase: ASCII, Latin-1, Latin Extended, Greek (final sigma), Cyrillic,
// Armenian, Georgian, full mappings that change the length (ß → SS, ﬃ → FFI, İ → i̇), surrogate
// pairs (Deseret, Adlam), lone surrogates; then every code unit of the BMP and every code point
// of plane 1 through checksums.
import { check } from './lib/check';

console.log('Hello, World! 123 @[`{'.toUpperCase(), 'Hello, World! 123 @[`{'.toLowerCase());
console.log('[' + ''.toUpperCase() + ']', '[' + ''.toLowerCase() + ']');
console.log('\u00e0\u00e9\u00ee\u00f5\u00fc\u00e7\u00f1\u00f8\u00e5\u00e6\u00fe\u00ff'.toUpperCase());
console.log('\u00c0\u00c9\u00ce\u00d5\u00dc\u00c7\u00d1\u00d8\u00c5\u00c6\u00de\u0178'.toLowerCase());
console.log('stra\u00dfe'.toUpperCase(), 'STRASSE'.toLowerCase(), '\u00b5'.toUpperCase(), '\u00d7\u00f7'.toUpperCase());
console.log('\u0105\u010d\u0119\u0142\u0144\u015b\u017a\u017c\u0131\u017f\u0149'.toUpperCase());
console.log('\u0104\u010c\u0118\u0141\u0143\u015a\u0179\u017b\u0130I'.toLowerCase(), '\u0130'.toLowerCase().length);
console.log('\u03b1\u03b2\u03b3 \u03ac\u03ad\u03ae \u03c2\u03c3 \u0390\u03b0'.toUpperCase());
console.log('\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3'.toLowerCase(), '\u03a3'.toLowerCase(), '\u03a3\u0391'.toLowerCase(), 'A\u03a3'.toLowerCase());
console.log('\u0391\u03a3.'.toLowerCase(), '\u0391\u03a3.\u0391'.toLowerCase(), '\u0391\u0301\u03a3'.toLowerCase(), '\u0391\u03a3\u0301'.toLowerCase(), '1\u03a3'.toLowerCase());
console.log('\u0391\u03a3 \u0392\u03a3\u03a3 \u03a3'.toLowerCase(), 'a\u{1D400}\u03a3'.toLowerCase(), '\u{10400}\u03a3'.toLowerCase());
console.log('\u043f\u0440\u0438\u0432\u0435\u0442 \u0451\u0436\u0438\u043a'.toUpperCase(), '\u041f\u0420\u0418\u0412\u0415\u0422 \u0401\u0416'.toLowerCase());
console.log('\u0561\u0562\u0587'.toUpperCase(), '\u10d0\u10d1'.toUpperCase(), '\u1c90\u1c91'.toLowerCase());
console.log('\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06'.toUpperCase(), '\u1f80\u1fb3\u1ff3\u1e96'.toUpperCase());
console.log('\u1e9e'.toLowerCase(), '\u2126\u212a\u212b'.toLowerCase(), '\u2c6f\u0250'.toLowerCase(), '\u2c6f\u0250'.toUpperCase());
console.log('\u{10400}\u{10428}'.toLowerCase(), '\u{10400}\u{10428}'.toUpperCase(), '\u{1E900}\u{1E922}'.toUpperCase(), '\u{1E900}\u{1E922}'.toLowerCase());
console.log('x\u{1F600}y'.toUpperCase(), '\uD801'.toUpperCase().charCodeAt(0), '\uDC28A'.toUpperCase().charCodeAt(1), 'a\uD801'.toUpperCase().length);
const lengths = ['\u00df', '\u00df\u00df', '\ufb03', '\u0390', 'a\u1fb7b'];
let lens = '';
for (const s of lengths) lens += ' ' + s.length + '->' + s.toUpperCase().length;
console.log('lengths' + lens);

/** A checksum of a string's code units (exact in doubles on both platforms). */
function sum(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1000000007;
  return h;
}
let up = 0;
let low = 0;
let changedUp = 0;
let changedLow = 0;
for (let c = 0; c < 65536; c++) {
  const s = String.fromCharCode(c);
  const u = s.toUpperCase();
  const l = s.toLowerCase();
  if (u !== s) changedUp++;
  if (l !== s) changedLow++;
  up = sum(u, up);
  low = sum(l, low);
}
console.log('BMP upper', changedUp, up, 'lower', changedLow, low);
up = 0;
low = 0;
changedUp = 0;
changedLow = 0;
for (let hi = 0xd800; hi < 0xd840; hi++) {
  for (let lo = 0xdc00; lo < 0xe000; lo++) {
    const s = String.fromCharCode(hi, lo);
    const u = s.toUpperCase();
    const l = s.toLowerCase();
    if (u !== s) changedUp++;
    if (l !== s) changedLow++;
    up = sum(u, up);
    low = sum(l, low);
  }
}
console.log('plane 1 upper', changedUp, up, 'lower', changedLow, low);
// one long mixed string both ways
let text = '';
for (let c = 32; c < 0x500; c++) text += String.fromCharCode(c);
console.log(sum(text.toUpperCase(), 0), sum(text.toLowerCase(), 0), sum(text.toUpperCase().toLowerCase(), 0), text.toUpperCase().length);
check('ASCII round trip', 'MiXeD cAsE'.toLowerCase().toUpperCase() === 'MIXED CASE');
check('unchanged string is equal', 'ABC 123'.toUpperCase() === 'ABC 123');
