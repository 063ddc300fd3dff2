// String.prototype.codePointAt / at / replace / replaceAll, String.fromCodePoint, Array.prototype.at.

const s = 'héllo, wörld 😀!';
// An absent number is NaN in tsuk (docs/LANGUAGE.md), so absent results are printed through ??.
console.log(s.codePointAt(0), s.codePointAt(1), s.codePointAt(13), s.codePointAt(14), s.codePointAt(99) ?? -1, s.codePointAt(-1) === undefined);
console.log(s.codePointAt(1.7), s.codePointAt(NaN));
const lone = 'a\ud800b\udc00';
console.log(lone.codePointAt(1), lone.codePointAt(3));
const cps: number[] = [];
for (let i = 0; i < s.length; i++) {
  const c = s.codePointAt(i);
  if (c !== undefined && c > 127) cps.push(c);
}
console.log(cps.join(' '));

console.log(String.fromCodePoint(72, 105, 0x1f600, 0x10ffff).length, String.fromCodePoint(0x48, 0x49));
console.log(String.fromCodePoint(), String.fromCodePoint(0x1f680) === '🚀');
for (const bad of [-1, 1.5, 0x110000, NaN, Infinity]) {
  try {
    String.fromCodePoint(65, bad);
  } catch (e) {
    if (e instanceof RangeError) console.log('RangeError:', e.message);
  }
}

console.log(s.at(0), s.at(-1), s.at(-3), s.at(100), s.at(-100), 'abc'.at(1.9));
const nums = [10, 20, 30, 40];
console.log(nums.at(0), nums.at(-1), nums.at(-4), nums.at(4) ?? -1, nums.at(-5) === undefined);
const words = ['alpha', 'beta', 'gamma'];
console.log(words.at(-1), words.at(1), words.at(3));
const last = words.at(-1);
console.log(last === undefined ? 'none' : last.toUpperCase());

const text = 'the cat sat on the mat with the hat';
console.log(text.replace('the', 'a'));
console.log(text.replaceAll('the', 'a'));
console.log(text.replace('dog', 'x'), text.replaceAll('at', 'AT'));
console.log('aaa'.replaceAll('a', 'b'), 'aaaa'.replaceAll('aa', 'a'), 'abc'.replaceAll('', '-'), 'abc'.replace('', '-'));
console.log(''.replaceAll('', 'x'), ''.replace('a', 'b'));
console.log('price: 10'.replace('10', '$$10'), 'x-y'.replace('-', '[$&]'), 'abc'.replace('b', '<$`|$\'>'));
console.log('a.b.c'.replaceAll('.', '$&$&'), 'a.b'.replace('.', '$1$<n>$'), 'a.b'.replace('.', '$'));
console.log('one two two'.replaceAll('two', (m) => m.toUpperCase()));
console.log('one two two'.replace('two', (m, offset) => `${m}@${offset}`));
console.log('k=v;k=w'.replaceAll('k', (m, i, whole) => `${i}/${whole.length}`));
let calls = 0;
const counted = 'x_x_x'.replaceAll('x', () => String(++calls));
console.log(counted, calls);
const template = 'Hello {name}, you are {age}. Bye {name}!';
const vars = new Map<string, string>([['name', 'Ada'], ['age', '36']]);
let out = template;
vars.forEach((v, k) => {
  out = out.replaceAll(`{${k}}`, v);
});
console.log(out);
