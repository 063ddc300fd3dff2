// Sorting keys of loosely typed records: `<`, `<=`, `>`, `>=` of two `string | number` values
// follow JS: two strings by code units, anything else as numbers (NaN compares false).

type Key = string | number;
const keys: Key[] = [10, '9', '10', 'abc', -1, '', ' 42 ', NaN, '0x10', 9, 'b'];

const rows: string[] = [];
for (const a of keys) {
  const marks: string[] = [];
  for (const b of [9, '9', 0, 'b'] as Key[]) {
    marks.push(`${a < b ? '<' : ''}${a <= b ? '<=' : ''}${a > b ? '>' : ''}${a >= b ? '>=' : ''}` || '-');
  }
  rows.push(`${typeof a} ${String(a)}: ${marks.join(' ')}`);
}
console.log(rows.join('\n'));

function atLeast(v: Key, min: Key): boolean {
  return v >= min;
}
console.log(atLeast('12', 10), atLeast(8, 10), atLeast('x', 0), atLeast('1e3', 999), atLeast('b', 'a'));

const versions: Key[] = ['1.10', '1.9', 2, '10'];
let max: Key = versions[0];
for (const v of versions) if (v > max) max = v;
console.log('max', max, typeof max);

// Insertion sort by the same operator, as a hand-written table sorter would.
const column: Key[] = [3, '20', 'apple', 100, '3', 'Banana'];
for (let i = 1; i < column.length; i++) {
  const x = column[i];
  let j = i - 1;
  while (j >= 0 && column[j] > x) {
    column[j + 1] = column[j];
    j--;
  }
  column[j + 1] = x;
}
console.log(column);
