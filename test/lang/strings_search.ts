// String searching: indexOf, lastIndexOf, includes, startsWith, endsWith, with every kind of
// position (negative, NaN, ±Infinity, fractional, past the end), empty strings and surrogates.
import { check } from './lib/check';

const positions = [0, 1, 2, -1, -0.5, 0.5, 2.9, 3, 5, 100, NaN, Infinity, -Infinity, 4294967296 + 1];
const names = ['0', '1', '2', '-1', '-0.5', '0.5', '2.9', '3', '5', '100', 'NaN', 'Infinity', '-Infinity', '2^32+1'];

/** T or f (a conditional of two string literals is test/lang/pending/ternary_string_literals.ts). */
function tf(b: boolean): string {
  if (b) return 'T';
  return 'f';
}

function row(label: string, s: string, search: string): void {
  let io = '';
  let lio = '';
  let inc = '';
  let sw = '';
  let ew = '';
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    io += ' ' + s.indexOf(search, p);
    lio += ' ' + s.lastIndexOf(search, p);
    inc += tf(s.includes(search, p));
    sw += tf(s.startsWith(search, p));
    ew += tf(s.endsWith(search, p));
  }
  console.log(label, 'indexOf' + io);
  console.log(label, 'lastIndexOf' + lio);
  console.log(label, 'includes', inc, 'startsWith', sw, 'endsWith', ew);
  console.log(label, 'defaults', s.indexOf(search), s.lastIndexOf(search), s.includes(search), s.startsWith(search), s.endsWith(search));
}

console.log('positions:', names.join(' '));
row('abcabc/a', 'abcabc', 'a');
row('abcabc/bc', 'abcabc', 'bc');
row('abcabc/empty', 'abcabc', '');
row('empty/empty', '', '');
row('empty/a', '', 'a');
row('aaaa/aa', 'aaaa', 'aa');
row('abc/abcd', 'abc', 'abcd');
row('abc/abc', 'abc', 'abc');
row('abc/x', 'abc', 'x');
row('mississippi/issi', 'mississippi', 'issi');
// surrogate pairs are two code units: searches see units, not code points
const emoji = 'a\u{1F600}b\u{1F600}';
row('emoji/pair', emoji, '\u{1F600}');
row('emoji/low', emoji, '\uDE00');
row('emoji/high', emoji, '\uD83D');
row('latin1/é', 'caf\u00e9 \u00e9t\u00e9', '\u00e9');
// long strings: found near the end, and a near miss repeated many times
let hay = '';
for (let i = 0; i < 200; i++) hay += 'ab';
console.log(hay.indexOf('abb'), hay.indexOf('ba', 398), hay.lastIndexOf('ab'), hay.lastIndexOf('ab', 1), (hay + 'c').indexOf('abc'));
console.log(hay.includes('aa'), (hay + 'x').endsWith('bx'), hay.startsWith('abab', 396), hay.startsWith('abab', 397));
// counting occurrences with indexOf
function count(s: string, sub: string): number {
  let n = 0;
  let at = s.indexOf(sub);
  while (at !== -1) {
    n++;
    at = s.indexOf(sub, at + 1);
  }
  return n;
}
console.log(count('the cat sat on the mat with the hat', 'the'), count('aaaaa', 'aa'), count('abc', 'd'));
check('indexOf result is a number usable in arithmetic', 'hello'.indexOf('l') * 2 + 0.5 === 4.5);
check('lastIndexOf NaN searches from the end', 'abab'.lastIndexOf('ab', NaN) === 2);
check('endsWith NaN is position 0', 'abc'.endsWith('', NaN) && !'abc'.endsWith('c', NaN));
check('includes empty past the end', 'abc'.includes('', 10));
