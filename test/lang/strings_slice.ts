// Taking strings apart: slice, substring, split (string separators, limits) and concat, with
// negative, NaN, infinite and fractional positions, empty strings and surrogate pairs.
import { check } from './lib/check';

const positions = [0, 1, 2, -1, -2, -0.5, 0.5, 2.9, -2.9, 5, 6, 100, -100, NaN, Infinity, -Infinity];
const names = ['0', '1', '2', '-1', '-2', '-0.5', '0.5', '2.9', '-2.9', '5', '6', '100', '-100', 'NaN', 'Inf', '-Inf'];

function table(s: string): void {
  console.log('string [' + s + '] length ' + s.length);
  for (let i = 0; i < positions.length; i++) {
    let sl = '';
    let sub = '';
    for (let j = 0; j < positions.length; j++) {
      sl += '[' + s.slice(positions[i], positions[j]) + ']';
      sub += '[' + s.substring(positions[i], positions[j]) + ']';
    }
    console.log('slice', names[i], '[' + s.slice(positions[i]) + ']', sl);
    console.log('substring', names[i], '[' + s.substring(positions[i]) + ']', sub);
  }
}

table('hello!');
table('');
table('ab');
console.log('[' + 'abc'.slice() + ']', '[' + 'abc'.slice(-3, -1) + ']', '[' + 'abc'.substring(3, 0) + ']');

/** The pieces of a split, with their count; pieces in brackets show empty ones. */
function show(parts: string[]): string {
  let out = parts.length + ':';
  for (const p of parts) out += '[' + p + ']';
  return out;
}

const limits = [0, 1, 2, 3, 100, -1, 4294967296, 4294967297, 2.5, NaN, Infinity, -Infinity];
function splits(s: string, sep: string): void {
  let line = show(s.split(sep));
  for (const l of limits) line += ' ' + show(s.split(sep, l));
  console.log('split [' + s + '] by [' + sep + ']', line);
}
splits('a,b,c', ',');
splits(',a,,b,', ',');
splits(',', ',');
splits(',,', ',');
splits('', ',');
splits('', '');
splits('abc', '');
splits('abc', 'abc');
splits('abc', 'abcd');
splits('a--b----c--', '--');
splits('aaa', 'aa');
splits('no separator here', '|');
splits('x\u{1F600}y\u{1F600}', '\u{1F600}');
// splitting into code units cuts surrogate pairs in halves
const units = '\u{1F600}!'.split('');
console.log(units.length, units[0].charCodeAt(0), units[1].charCodeAt(0), units[2]);
// a line parser
const text = 'name=tsuk\nkind=unikernel\n\nlang=TypeScript\n';
for (const lineText of text.split('\n')) {
  if (lineText.length === 0) continue;
  const kv = lineText.split('=');
  console.log(kv[0].toUpperCase(), '->', kv[1]);
}
// many pieces
let csv = '';
for (let i = 0; i < 300; i++) csv += i + ',';
const fields = csv.split(',');
console.log(fields.length, fields[0], fields[299], '[' + fields[300] + ']', fields.join('').length);

// concat
console.log('[' + 'ab'.concat('cd') + ']', '[' + ''.concat('x') + ']', '[' + 'x'.concat('') + ']', '[' + ''.concat('') + ']', '[' + 'y'.concat() + ']');
let acc = '';
for (let i = 0; i < 10; i++) acc = acc.concat('' + i);
console.log(acc, acc.length);
const pair = '\uD83D'.concat('\uDE00');
console.log(pair.length, pair === '\u{1F600}');
check('slice of a slice', 'abcdef'.slice(1, -1).slice(1, -1) === 'cd');
check('substring swaps', 'abcdef'.substring(4, 1) === 'bcd');
check('split then join restores', 'a b  c '.split(' ').join(' ') === 'a b  c ');
