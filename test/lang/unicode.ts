// Non-ASCII strings: UTF-16 length and code units in the program, UTF-8 on the console.

const e = 'é';
const euro = '€';
const smile = '😀';
console.log(e, euro, smile, e.length, euro.length, smile.length);
console.log(e.charCodeAt(0), euro.charCodeAt(0), smile.charCodeAt(0), smile.charCodeAt(1), smile.charCodeAt(2));
console.log('café', 'naïve façade', 'Grüße, Jürgen', 'ÅÄÖ åäö', 'ÿ');
console.log('Ελληνικά', 'русский', 'עברית', 'العربية', '日本語', '中文', '한국어');
console.log('€100', '£5', '¥1000', '₹', '©®™', '½¾', '°C', '←↑→↓', '∀x∈ℝ', '…', '—');
console.log('😀😃😄', '👍🏽', '🇫🇷', '👨‍👩‍👧', '𝄞', '🦀', '\u{1F600}' === smile);
const mixed = 'a€😀é';
console.log(mixed, mixed.length);
let units = '';
for (let i = 0; i < mixed.length; i++) units += `${mixed.charCodeAt(i)} `;
console.log(units);
// escapes produce the same characters
console.log('\u00e9' === e, '\u20ac' === euro, '\ud83d\ude00' === smile, '\u{1F600}'.length);
// concatenation across surrogate halves and built from parts
const hi = '\ud83d';
const lo = '\ude00';
const joined = hi + lo;
console.log(joined, joined === smile, joined.length);
// templates with non-ASCII text around values
const price = 42;
console.log(`Preis: ${price} € — ${e}tude ${smile}x${price}`);
// code-unit counts of a few alphabets
function count(s: string, lo: number, hi: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= lo && c <= hi) n++;
  }
  return n;
}
const text = 'Ελληνικά and русский with 😀 and 𝄞';
console.log(count(text, 0x370, 0x3ff), count(text, 0x400, 0x4ff), count(text, 0xd800, 0xdbff), count(text, 0xdc00, 0xdfff), text.length);
// a BOM, zero-width joiner and combining accent survive printing
console.log('[\ufeff]', '[e\u0301]', '[a\u200db]', 'x\u00a0y');
// the largest BMP unit and the first astral code point
console.log('\uffff'.charCodeAt(0), '\u{10000}'.charCodeAt(0), '\u{10000}'.charCodeAt(1), '\u{10ffff}'.charCodeAt(1));
