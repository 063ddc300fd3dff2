// trim / trimStart / trimEnd (every ECMAScript white space and line terminator, and the
// characters that look like one but are not), padStart / padEnd, repeat.
import { check } from './lib/check';

const ws = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
console.log(ws.length, ws.trim().length, ws.trimStart().length, ws.trimEnd().length);
const body = ws + 'a b' + ws;
console.log('[' + body.trim() + ']', body.trimStart().length, body.trimEnd().length);
// not white space: U+180E (no longer Zs), U+200B, U+0085 (NEL), U+001C..U+001F
const notWs = ['\u180e', '\u200b', '\u0085', '\u001c', '\u001f', '\u00ad', '\u2060'];
let kept = '';
for (const c of notWs) kept += ' ' + (' ' + c + ' ').trim().length;
console.log('kept' + kept);
// each white space alone
let each = '';
for (let i = 0; i < ws.length; i++) each += ws.charAt(i).trim().length;
console.log('each', each);
console.log('[' + ''.trim() + ']', '[' + '   '.trim() + ']', '[' + 'x'.trim() + ']', '[' + ' x'.trimEnd() + ']', '[' + 'x '.trimStart() + ']');
console.log('[' + '  a  b  '.trim() + ']', '[' + '  a  b  '.trimStart() + ']', '[' + '  a  b  '.trimEnd() + ']');

// padStart / padEnd
const lengths = [-1, 0, 2, 3, 4, 5, 7, 10, 2.9, 5.5, NaN, -Infinity];
const fills = [' ', '', '0', 'ab', 'abcdefghijklmnop', '\u{1F600}'];
for (const f of fills) {
  let ps = '';
  let pe = '';
  for (const n of lengths) {
    ps += '[' + 'abc'.padStart(n, f) + ']';
    pe += '[' + 'abc'.padEnd(n, f) + ']';
  }
  console.log('fill [' + f + ']', ps, pe);
}
console.log('[' + 'abc'.padStart(6) + ']', '[' + 'abc'.padEnd(6) + ']', '[' + ''.padStart(3, 'xy') + ']', '[' + ''.padEnd(0) + ']');
console.log('[' + 'abc'.padStart(Infinity, '') + ']', '[' + 'abc'.padEnd(1e10, '') + ']');
console.log('7'.padStart(3, '0'), '42'.padStart(3, '0'), '1234'.padStart(3, '0'), 'x'.padEnd(1000, '-=').length);

// repeat
const counts = [0, 1, 2, 3, 2.5, 0.9, -0.5, -0.9, NaN];
for (const s of ['ab', '', '\u{1F600}']) {
  let line = '';
  for (const n of counts) line += '[' + s.repeat(n) + ']';
  console.log('repeat [' + s + ']', line);
}
const big = 'abc'.repeat(1000);
console.log(big.length, big.lastIndexOf('abc'), big.indexOf('ca', 2990), ''.repeat(1000000000).length);
let stars = '';
for (let i = 1; i <= 5; i++) stars += '*'.repeat(i).padStart(5) + '|';
console.log(stars);
check('repeat joins', 'xy'.repeat(3) === 'xyxyxy');
check('pad keeps long strings', 'abcdef'.padStart(3, '*') === 'abcdef');
