// String.prototype.localeCompare with Node's default (ICU root) collation: punctuation, digits,
// letters; case and accents only break ties.

const words = ['banana', 'Apple', 'apple', 'cherry', 'Éclair', 'eclair', 'zebra', 'Zebra', 'résumé', 'resume', 'resumes',
  'a-b', 'ab', 'a b', 'a_b', '10', '9', '1', '_x', '!important', 'Ærø', 'aero', 'straße', 'strasse', 'Strasse', 'naïve', 'naive',
  'ça', 'ca', 'Ca', 'über', 'uber', 'Uber', 'x²', 'x2', '½', '1/2', 'ªb', 'Ab', 'ðe', 'de', 'ñu', 'nu', 'Ñu', ''];
const sorted = [...words].sort((a, b) => a.localeCompare(b));
console.log(sorted.join(' | '));
const byUnits = [...words].sort();
console.log(byUnits.slice(0, 8).join(' | '));

const pairs: [string, string][] = [['a', 'B'], ['B', 'b'], ['a', 'A'], ['é', 'f'], ['e', 'é'], ['é', 'É'], ['ss', 'ß'], ['ß', 'st'],
  ['a', 'a\u0001'], ['', 'a'], ['a', ''], ['', ''], ['Ab', 'aB'], ['é', 'e\u0301'], ['co-op', 'coop'], ['co-op', 'cop'],
  ['1', 'a'], ['!', '1'], [' ', '!'], ['ø', 'o'], ['ø', 'p'], ['Ω', 'ω'], ['α', 'b'], ['б', 'Б'], ['µ', 'μ'],
  ['file10', 'file9'], ['file-10', 'file_10'], ['A\u00a0B', 'A B'], ['\t', ' '], ['x\u00adz', 'xz']];
for (const [a, b] of pairs) console.log(JSON.stringify(a), JSON.stringify(b), a.localeCompare(b), b.localeCompare(a));

// Every pair of printable ASCII characters: a digest of the signs, so any disagreement shows.
let digest = 0;
let zeros = 0;
for (let i = 32; i < 127; i++) {
  for (let j = 32; j < 127; j++) {
    const r = String.fromCharCode(i).localeCompare(String.fromCharCode(j));
    digest = (digest * 31 + r + 2) % 1000000007;
    if (r === 0) zeros++;
  }
}
console.log('ascii digest', digest, zeros);
let latin = 0;
for (let i = 160; i < 256; i++) {
  for (let j = 65; j < 123; j++) {
    const r = (String.fromCharCode(i) + 'x').localeCompare(String.fromCharCode(j) + 'x');
    latin = (latin * 31 + r + 2) % 1000000007;
  }
}
console.log('latin-1 digest', latin);

// A contact list sorted as a UI would, last name then first.
interface Contact { first: string; last: string }
const contacts: Contact[] = [
  { first: 'Zoë', last: 'Åberg' }, { first: 'Émile', last: 'Zola' }, { first: 'adam', last: 'smith' },
  { first: 'Adam', last: 'Smith' }, { first: 'Bea', last: 'de la Cruz' }, { first: 'Carl', last: 'DeLaney' },
  { first: 'Ana', last: "O'Brien" }, { first: 'Otto', last: 'Obrien' },
];
contacts.sort((x, y) => x.last.localeCompare(y.last) || x.first.localeCompare(y.first));
for (const c of contacts) console.log(`${c.last}, ${c.first}`);
