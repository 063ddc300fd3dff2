// Allocation-heavy string work: concatenation, templates, slices, split/join and number
// formatting in loops, with a sample of the results kept alive and checked at the end.

const kept: string[] = [];
let totalLength = 0;
for (let i = 0; i < 60000; i++) {
  const s = `line ${i}: ` + 'x'.repeat(i % 40) + '|' + (i * 1.5).toString() + '|' + String(i % 7);
  totalLength += s.length;
  const fields = s.split('|');
  if (fields.length !== 3) console.log('bad split', i);
  const joined = fields.join('/');
  if (i % 1000 === 0) kept.push(joined.slice(0, 24).toUpperCase());
}
console.log('total length', totalLength);
console.log('kept', kept.length);
for (let i = 0; i < kept.length; i += 10) console.log(kept[i]);

// One string grown by repeated concatenation: each step copies, the old ones are garbage.
let acc = '';
for (let i = 0; i < 3000; i++) {
  acc = acc + String.fromCharCode(97 + (i % 26));
  if (acc.length > 2000) acc = acc.slice(1000);
}
console.log(acc.length, acc.slice(0, 30), acc.indexOf('xyz'));

// Strings as Map keys under churn.
const counts = new Map<string, number>();
for (let i = 0; i < 20000; i++) {
  const key = 'k' + (i % 97);
  counts.set(key, (counts.get(key) ?? 0) + i);
}
let sum = 0;
for (const [k, v] of counts) sum += v + k.length;
console.log('keys', counts.size, 'sum', sum);
